package dev.nestflow.infrastructure.queue;

/**
 * A received message: its body, the handle that deletes it (valid for this receipt only) and how
 * many times it has been received (1 on first delivery).
 */
public record QueueMessage(String messageId, String receiptHandle, String body, int receiveCount) {}
