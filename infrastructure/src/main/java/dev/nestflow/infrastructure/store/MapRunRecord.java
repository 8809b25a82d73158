package dev.nestflow.infrastructure.store;

/**
 * The head of one map run: what a distributed Map started (its children's definition, type, role
 * and state machine ARN), its limits (which UpdateMapRun may change while it runs), how far it has
 * started children ({@code cursor}: children 0..cursor-1 were started) and how it ended. The
 * children's inputs and outcomes live in chunk items of their own, so this item is written when the
 * run starts, when a tick starts more children, on UpdateMapRun and when the run ends: never once per
 * child.
 *
 * @param executionArn the execution whose Map state started the run
 * @param taskKey the key under which that execution waits for the run's answer
 * @param chunkSize how many children's inputs (and outcomes) share one chunk item
 * @param resultWriter the resolved ResultWriter as JSON text, or null
 * @param status RUNNING, SUCCEEDED, FAILED or ABORTED
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
    Long redriveMillis) {

  /** A run never redriven. */
  public MapRunRecord(String mapRunArn, String executionArn, String taskKey, String stateName, String childStateMachineArn,
      String executionType, String definition, String roleArn, int total, int chunkSize, int maxConcurrency,
      long toleratedFailureCount, double toleratedFailurePercentage, boolean toleranceDeclared, String resultWriter,
      String status, long startMillis, Long stopMillis, int cursor, String error, String cause) {
    this(mapRunArn, executionArn, taskKey, stateName, childStateMachineArn, executionType, definition, roleArn, total,
        chunkSize, maxConcurrency, toleratedFailureCount, toleratedFailurePercentage, toleranceDeclared, resultWriter,
        status, startMillis, stopMillis, cursor, error, cause, 0, null);
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
        resultWriter, status, startMillis, stopMillis, newCursor, error, cause, redriveCount, redriveMillis);
  }

  public MapRunRecord withLimits(int concurrency, long count, double percentage) {
    return new MapRunRecord(mapRunArn, executionArn, taskKey, stateName, childStateMachineArn, executionType, definition,
        roleArn, total, chunkSize, concurrency, count, percentage, toleranceDeclared, resultWriter, status, startMillis,
        stopMillis, cursor, error, cause, redriveCount, redriveMillis);
  }

  public MapRunRecord ended(String newStatus, long stop, String err, String errCause) {
    return new MapRunRecord(mapRunArn, executionArn, taskKey, stateName, childStateMachineArn, executionType, definition,
        roleArn, total, chunkSize, maxConcurrency, toleratedFailureCount, toleratedFailurePercentage, toleranceDeclared,
        resultWriter, newStatus, startMillis, stop, cursor, err, errCause, redriveCount, redriveMillis);
  }

  /** Redriven at {@code atMillis}: RUNNING again under the parent's new key, its redrive counted. */
  public MapRunRecord reopened(String newTaskKey, long atMillis) {
    return new MapRunRecord(mapRunArn, executionArn, newTaskKey, stateName, childStateMachineArn, executionType, definition,
        roleArn, total, chunkSize, maxConcurrency, toleratedFailureCount, toleratedFailurePercentage, toleranceDeclared,
        resultWriter, "RUNNING", startMillis, null, cursor, null, null, redriveCount + 1, atMillis);
  }
}
