package dev.nestflow.infrastructure.store;

/** A registered state machine: its ARN, name, type (STANDARD or EXPRESS), definition and role. */
public record StateMachineRecord(
    String stateMachineArn, String name, String type, String definition, String roleArn, long createdMillis) {}
