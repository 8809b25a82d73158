package dev.nestflow.infrastructure.queue;

import java.time.Duration;
import java.util.List;

/**
 * An at-least-once queue with delayed delivery and visibility timeouts (the SQS standard-queue
 * contract): a received message that is not deleted before its visibility timeout ends is
 * delivered again. Optionally with message groups (the SQS FIFO contract, without delays). Adapters: in-memory (embedded) and SQS; one contract test suite covers both.
 */
public interface MessageQueue {
  /** The longest delay one message may carry (SQS: 15 minutes); longer waits are chained. */
  Duration MAX_DELAY = Duration.ofMinutes(15);

  void send(String body, Duration delay);

  /**
   * Sends into message group {@code group} (the runtime groups by execution ARN): a queue that keeps
   * groups (an SQS FIFO queue, the in-memory queue) hands a group's messages to one consumer at a
   * time, so one execution's signals are applied by one writer; a standard queue ignores the group.
   */
  default void send(String body, Duration delay, String group) {
    send(body, delay);
  }

  /**
   * Whether a message may carry a delay: an SQS FIFO queue takes none (and a message kept hidden
   * there would hold back its whole group), so the runtime sends delayed messages to a separate
   * timers queue whose consumer forwards each one when it is due.
   */
  default boolean delays() {
    return true;
  }

  /** Up to {@code max} messages that are visible now; each becomes invisible for {@code visibility}. */
  List<QueueMessage> receive(int max, Duration visibility);

  void delete(String receiptHandle);

  /** Makes a received message visible again after {@code visibility} (0 = now). */
  void changeVisibility(String receiptHandle, Duration visibility);
}
