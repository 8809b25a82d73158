package dev.nestflow.infrastructure.store;

/**
 * The state of an execution after log entry {@code seq}, as the runtime saved it ({@code state}, JSON
 * text): a cold rebuild restores the latest one and replays only the entries after it. A snapshot is
 * derived from the log (the same seq always gives the same state), so writing one twice is harmless.
 */
public record SnapshotRecord(long seq, String state) {
  public SnapshotRecord {
    if (seq < 1) {
      throw new IllegalArgumentException("a snapshot follows a log entry (seq >= 1): " + seq);
    }
  }
}
