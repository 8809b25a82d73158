package dev.nestflow.infrastructure.store;

/**
 * The durable head of one execution. Together with its signal log it is everything needed to
 * rebuild the execution: the interpreter is deterministic, so replaying the signals onto the
 * definition, input and seed reproduces state and history exactly (the log is the source of truth).
 *
 * <p>The runtime makes heads with {@link #started}/{@link #startedBy} (a new execution) and {@link
 * #advanced} (the step that ends it); the full constructor is for a store reading a head back.
 *
 * @param version the log length when the head was last written: 0 from creation until the step that
 *     ends the execution, then that step's seq (steps in between append to the log only)
 * @param status RUNNING, SUCCEEDED, FAILED, TIMED_OUT or ABORTED
 * @param parentArn the execution that started this one through states:startExecution, or null
 * @param parentTaskKey the key of the parent task (attempt) that started this execution, or null; only
 *     a parent with a {@code parentPattern} waits on it
 * @param parentPattern how the parent waits: SYNC (description with Input/Output as text), SYNC_2
 *     (parsed), or null (fire-and-forget and callback starts: the parent does not wait on the child)
 * @param redriveCount how many times RedriveExecution ran the execution again (0 until then)
 * @param redriveMillis when it was last redriven, or null
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
    String parentPattern,
    int redriveCount,
    Long redriveMillis) {

  /** A head that was never redriven. */
  public ExecutionRecord(
      String executionArn, String stateMachineArn, String name, String type, String definition, String inputText,
      String roleArn, long startMillis, long seed, long version, String status, Long stopMillis, String outputText,
      String error, String cause, String parentArn, String parentTaskKey, String parentPattern) {
    this(executionArn, stateMachineArn, name, type, definition, inputText, roleArn, startMillis, seed, version, status,
        stopMillis, outputText, error, cause, parentArn, parentTaskKey, parentPattern, 0, null);
  }

  /**
   * A new execution of {@code machine} (its definition, type and role, and its ARN as the execution's
   * state machine), RUNNING, with no parent.
   */
  public static ExecutionRecord started(
      String executionArn, StateMachineRecord machine, String name, String inputText, long startMillis, long seed) {
    return startedBy(executionArn, machine, name, inputText, startMillis, seed, null, null, null);
  }

  /** A new execution as {@link #started}, started by the task {@code parentTaskKey} of {@code parentArn}. */
  public static ExecutionRecord startedBy(
      String executionArn, StateMachineRecord machine, String name, String inputText, long startMillis, long seed,
      String parentArn, String parentTaskKey, String parentPattern) {
    return new ExecutionRecord(executionArn, machine.stateMachineArn(), name, machine.type(), machine.definition(),
        inputText, machine.roleArn(), startMillis, seed, 0, "RUNNING", null, null, null, null, parentArn, parentTaskKey,
        parentPattern);
  }

  public boolean running() {
    return "RUNNING".equals(status);
  }

  /** The record after a step that applied signal {@code newVersion} and ended (or not) the execution. */
  public ExecutionRecord advanced(long newVersion, String newStatus, Long stop, String output, String err, String errCause) {
    return new ExecutionRecord(executionArn, stateMachineArn, name, type, definition, inputText, roleArn, startMillis,
        seed, newVersion, newStatus, stop, output, err, errCause, parentArn, parentTaskKey, parentPattern, redriveCount,
        redriveMillis);
  }

  /**
   * The head of this closed execution once the redrive logged at {@code seq} (at {@code at}) ran it
   * again: RUNNING, with no stop date, output or error, and one more redrive.
   */
  public ExecutionRecord redriven(long seq, long at) {
    return new ExecutionRecord(executionArn, stateMachineArn, name, type, definition, inputText, roleArn, startMillis,
        seed, seq, "RUNNING", null, null, null, null, parentArn, parentTaskKey, parentPattern, redriveCount + 1, at);
  }
}
