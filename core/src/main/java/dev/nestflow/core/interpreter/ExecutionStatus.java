package dev.nestflow.core.interpreter;

/**
 * Where an execution is. The names are AWS's own spelling (DescribeExecution's {@code status}), so
 * {@link #name()} is the text that records and API responses carry.
 */
public enum ExecutionStatus {
  /** Built but not yet started: {@link Execution#start} has not been called. */
  NOT_STARTED,
  RUNNING,
  SUCCEEDED,
  FAILED,
  TIMED_OUT,
  ABORTED;

  /** Whether the execution has ended (nothing it receives changes it any more). */
  public boolean isClosed() {
    return this != NOT_STARTED && this != RUNNING;
  }
}
