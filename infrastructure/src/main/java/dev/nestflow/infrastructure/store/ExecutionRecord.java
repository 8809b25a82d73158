package dev.nestflow.infrastructure.store;

/**
 * The durable head of one execution. Together with its signal log it is everything needed to
 * rebuild the execution: the interpreter is deterministic, so replaying the signals onto the
 * definition, input and seed reproduces state and history exactly (the log is the source of truth).
 *
 * @param version the log length when the head was last written: 0 from creation until the step that
 *     ends the execution, then that step's seq (steps in between append to the log only)
 * @param status RUNNING, SUCCEEDED, FAILED, TIMED_OUT or ABORTED
 * @param parentArn the execution that started this one through states:startExecution, or null
 * @param parentTaskKey the key of the parent task (attempt) that started this execution, or null; only
 *     a parent with a {@code parentPattern} waits on it
 * @param parentPattern how the parent waits: SYNC (description with Input/Output as text), SYNC_2
 *     (parsed), or null (fire-and-forget and callback starts: the parent does not wait on the child)
 */
public record ExecutionRecord(
    String executionArn,
    String stateMachineArn,
    String name,
    String type,
    String definition,
    String inputText,
    String roleArn,
    long startMillis,
    long seed,
    long version,
    String status,
    Long stopMillis,
    String outputText,
    String error,
    String cause,
    String parentArn,
    String parentTaskKey,
    String parentPattern) {

  public boolean running() {
    return "RUNNING".equals(status);
  }

  /** The record after a step that applied signal {@code newVersion} and ended (or not) the execution. */
  public ExecutionRecord advanced(long newVersion, String newStatus, Long stop, String output, String err, String errCause) {
    return new ExecutionRecord(executionArn, stateMachineArn, name, type, definition, inputText, roleArn, startMillis,
        seed, newVersion, newStatus, stop, output, err, errCause, parentArn, parentTaskKey, parentPattern);
  }
}
