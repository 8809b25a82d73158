package dev.nestflow.infrastructure.store;

/**
 * What the runtime records on an execution when one of its transition messages fails for the last
 * time and goes to the dead-letter queue: which signal (its id, as in the log), why the last attempt
 * failed, on which receive, and when. The execution stays RUNNING; replaying the message lets it go
 * on, and once the signal is in the log the note no longer applies.
 */
public record DeadLetterNote(String signalId, String reason, int receiveCount, long atMillis) {}
