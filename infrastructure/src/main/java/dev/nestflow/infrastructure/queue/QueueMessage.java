package dev.nestflow.infrastructure.queue;

/**
 * A received message: its body, the handle that deletes it (valid for this receipt only), how many
 * times it has been received (1 on first delivery) and its message group (null when it has none).
 */
public record QueueMessage(String messageId, String receiptHandle, String body, int receiveCount, String group) {
  public QueueMessage(String messageId, String receiptHandle, String body, int receiveCount) {
    this(messageId, receiptHandle, body, receiveCount, null);
  }
}
