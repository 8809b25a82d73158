package dev.nestflow.core.interpreter;

import java.time.Instant;

/** Who an execution is: its ARN and name, its state machine, the role it runs as, when it started. */
public record ExecutionIdentity(
    String executionArn,
    String name,
    String stateMachineArn,
    String stateMachineName,
    String roleArn,
    Instant startTime) {

  /**
   * Whether this is an Express execution: its ARN's resource type is {@code express}
   * ({@code arn:aws:states:<region>:<account>:express:<machine>:<name>:<id>}), where a Standard
   * execution's is {@code execution}.
   */
  public boolean express() {
    String[] parts = executionArn == null ? new String[0] : executionArn.split(":", 7);
    return parts.length > 5 && "express".equals(parts[5]);
  }
}
