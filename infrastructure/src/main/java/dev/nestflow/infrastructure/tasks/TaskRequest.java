package dev.nestflow.infrastructure.tasks;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One task attempt to run: the execution and the interpreter's key of the attempt, the state, the
 * Task's Resource, its input (after Parameters) and, for callback tasks, the task token.
 */
public record TaskRequest(
    String executionArn, String taskKey, String stateName, String resource, JsonNode input, String token) {}
