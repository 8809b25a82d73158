package dev.nestflow.infrastructure.store;

/**
 * The head of one map run: what a distributed Map started (its children's definition, type, role
 * and state machine ARN), its limits (which UpdateMapRun may change while it runs), how far it has
 * started children ({@code cursor}: children 0..cursor-1 were started), what its ticks learned
 * ({@link Progress}) and how it ended. The
 * children's inputs and outcomes live in chunk items of their own, so this item is written when the
 * run starts, when a tick starts more children, on UpdateMapRun and when the run ends: never once per
 * child.
 *
 * @param executionArn the execution whose Map state started the run
 * @param taskKey the key under which that execution waits for the run's answer
 * @param chunkSize how many children's inputs (and outcomes) share one chunk item
 * @param resultWriter the resolved ResultWriter as JSON text, or null
 * @param status RUNNING, SUCCEEDED, FAILED or ABORTED
 * @param progress what ticks have learned and keep so that a tick does not re-read every outcome
 */
public record MapRunRecord(
    String mapRunArn,
    String executionArn,
    String taskKey,
    String stateName,
    String childStateMachineArn,
    String executionType,
    String definition,
    String roleArn,
    int total,
    int chunkSize,
    int maxConcurrency,
    long toleratedFailureCount,
    double toleratedFailurePercentage,
    boolean toleranceDeclared,
    String resultWriter,
    String status,
    long startMillis,
    Long stopMillis,
    int cursor,
    String error,
    String cause,
    int redriveCount,
    Long redriveMillis,
    Progress progress) {

  /**
   * What ticks keep on the head, written with their claims: outcome chunks {@code 0..completeChunks-1}
   * hold every outcome they will hold (a tick reads only the chunks above them), {@code
   * failedInComplete} of them failures; children from index {@code askSince} on were started asking
   * for a tick every {@code askEvery}-th outcome of their chunk (0: not known, as many as a child may).
   */
  public record Progress(int completeChunks, long failedInComplete, int askEvery, int askSince) {
    public static final Progress NONE = new Progress(0, 0, 0, 0);

    /** The same asking, with these chunks complete. */
    public Progress completeTo(int chunks, long failed) {
      return new Progress(chunks, failed, askEvery, askSince);
    }
  }

  /** A run whose ticks have learned nothing yet. */
  public MapRunRecord(String mapRunArn, String executionArn, String taskKey, String stateName, String childStateMachineArn,
      String executionType, String definition, String roleArn, int total, int chunkSize, int maxConcurrency,
      long toleratedFailureCount, double toleratedFailurePercentage, boolean toleranceDeclared, String resultWriter,
      String status, long startMillis, Long stopMillis, int cursor, String error, String cause, int redriveCount,
      Long redriveMillis) {
    this(mapRunArn, executionArn, taskKey, stateName, childStateMachineArn, executionType, definition, roleArn, total,
        chunkSize, maxConcurrency, toleratedFailureCount, toleratedFailurePercentage, toleranceDeclared, resultWriter,
        status, startMillis, stopMillis, cursor, error, cause, redriveCount, redriveMillis, Progress.NONE);
  }

  /** A run never redriven. */
  public MapRunRecord(String mapRunArn, String executionArn, String taskKey, String stateName, String childStateMachineArn,
      String executionType, String definition, String roleArn, int total, int chunkSize, int maxConcurrency,
      long toleratedFailureCount, double toleratedFailurePercentage, boolean toleranceDeclared, String resultWriter,
      String status, long startMillis, Long stopMillis, int cursor, String error, String cause) {
    this(mapRunArn, executionArn, taskKey, stateName, childStateMachineArn, executionType, definition, roleArn, total,
        chunkSize, maxConcurrency, toleratedFailureCount, toleratedFailurePercentage, toleranceDeclared, resultWriter,
        status, startMillis, stopMillis, cursor, error, cause, 0, null, Progress.NONE);
  }

  public boolean running() {
    return "RUNNING".equals(status);
  }

  public boolean express() {
    return "EXPRESS".equals(executionType);
  }

  public MapRunRecord withCursor(int newCursor) {
    return new MapRunRecord(mapRunArn, executionArn, taskKey, stateName, childStateMachineArn, executionType, definition,
        roleArn, total, chunkSize, maxConcurrency, toleratedFailureCount, toleratedFailurePercentage, toleranceDeclared,
        resultWriter, status, startMillis, stopMillis, newCursor, error, cause, redriveCount, redriveMillis, progress);
  }

  public MapRunRecord withLimits(int concurrency, long count, double percentage) {
    return new MapRunRecord(mapRunArn, executionArn, taskKey, stateName, childStateMachineArn, executionType, definition,
        roleArn, total, chunkSize, concurrency, count, percentage, toleranceDeclared, resultWriter, status, startMillis,
        stopMillis, cursor, error, cause, redriveCount, redriveMillis, progress);
  }

  public MapRunRecord ended(String newStatus, long stop, String err, String errCause) {
    return new MapRunRecord(mapRunArn, executionArn, taskKey, stateName, childStateMachineArn, executionType, definition,
        roleArn, total, chunkSize, maxConcurrency, toleratedFailureCount, toleratedFailurePercentage, toleranceDeclared,
        resultWriter, newStatus, startMillis, stop, cursor, err, errCause, redriveCount, redriveMillis, progress);
  }

  public MapRunRecord withProgress(Progress newProgress) {
    return new MapRunRecord(mapRunArn, executionArn, taskKey, stateName, childStateMachineArn, executionType, definition,
        roleArn, total, chunkSize, maxConcurrency, toleratedFailureCount, toleratedFailurePercentage, toleranceDeclared,
        resultWriter, status, startMillis, stopMillis, cursor, error, cause, redriveCount, redriveMillis, newProgress);
  }

  /**
   * Redriven at {@code atMillis}: RUNNING again under the parent's new key, its redrive counted, and
   * no chunk known complete (the redrive forgets outcomes in them).
   */
  public MapRunRecord reopened(String newTaskKey, long atMillis) {
    return new MapRunRecord(mapRunArn, executionArn, newTaskKey, stateName, childStateMachineArn, executionType, definition,
        roleArn, total, chunkSize, maxConcurrency, toleratedFailureCount, toleratedFailurePercentage, toleranceDeclared,
        resultWriter, "RUNNING", startMillis, null, cursor, null, null, redriveCount + 1, atMillis,
        progress.completeTo(0, 0));
  }
}
