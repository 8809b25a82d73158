package dev.nestflow.core.interpreter;

import java.time.Instant;

/** Who an execution is: its ARN and name, its state machine, the role it runs as, when it started. */
public record ExecutionIdentity(
    String executionArn,
    String name,
    String stateMachineArn,
    String stateMachineName,
    String roleArn,
    Instant startTime) {}
