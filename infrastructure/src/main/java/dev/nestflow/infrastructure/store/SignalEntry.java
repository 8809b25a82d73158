package dev.nestflow.infrastructure.store;

/**
 * One entry of an execution's signal log: the {@code seq}-th signal applied, its id (the same
 * signal delivered twice has the same id, so a replayed message is recognised), the signal as
 * JSON text and the time it was applied.
 */
public record SignalEntry(long seq, String signalId, String signalJson, long atMillis) {}
