package dev.nestflow.infrastructure.queue;

import java.time.Duration;
import java.util.List;

/**
 * An at-least-once queue with delayed delivery and visibility timeouts (the SQS standard-queue
 * contract): a received message that is not deleted before its visibility timeout ends is
 * delivered again. Adapters: in-memory (embedded) and SQS; one contract test suite covers both.
 */
public interface MessageQueue {
  /** The longest delay one message may carry (SQS: 15 minutes); longer waits are chained. */
  Duration MAX_DELAY = Duration.ofMinutes(15);

  void send(String body, Duration delay);

  /** Up to {@code max} messages that are visible now; each becomes invisible for {@code visibility}. */
  List<QueueMessage> receive(int max, Duration visibility);

  void delete(String receiptHandle);

  /** Makes a received message visible again after {@code visibility} (0 = now). */
  void changeVisibility(String receiptHandle, Duration visibility);
}
