package dev.nestflow.testing.templates;

/**
 * A state machine declared in a template: registered under its logical id, with its type
 * (STANDARD or EXPRESS) and its definition after intrinsics and DefinitionSubstitutions.
 */
public record TemplateStateMachine(String logicalId, String type, String definition) {}
