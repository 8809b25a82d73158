package dev.nestflow.infrastructure.store;

/**
 * One entry of an execution's signal log: the {@code seq}-th signal applied, its id (the same
 * signal delivered twice has the same id, so a replayed message is recognised), the signal as
 * JSON text and the time it was applied.
 */
public record SignalEntry(long seq, String signalId, String signalJson, long atMillis) {
  /** The id of the first entry of every log: the execution's start. */
  public static final String START_ID = "start";

  /**
   * Entry 1 of every log, written with the execution: the start, applied at the start time.
   * A step that starts the execution therefore appends nothing; it performs the start's effects.
   */
  public static SignalEntry start(long startMillis) {
    return new SignalEntry(1, START_ID, "{\"type\":\"Start\"}", startMillis);
  }
}
