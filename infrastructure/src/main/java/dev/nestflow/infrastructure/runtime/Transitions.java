package dev.nestflow.infrastructure.runtime;

import dev.nestflow.infrastructure.queue.MessageQueue;
import java.time.Duration;

/**
 * The transitions queue as the runtime writes to it: a signal for an execution, delayed by at most
 * what one SQS message allows (a longer timer's message carries its due time and is sent again, or
 * kept hidden, until due).
 */
final class Transitions {
  private final MessageQueue queue;

  Transitions(MessageQueue queue) {
    this.queue = queue;
  }

  void send(TransitionMessage message, Duration delay) {
    Duration capped = delay.compareTo(MessageQueue.MAX_DELAY) > 0 ? MessageQueue.MAX_DELAY : delay;
    queue.send(message.toJson(), capped);
  }

  /** Keeps a received message hidden for {@code hidden} more (a timer that is not due yet). */
  void hide(String receiptHandle, Duration hidden) {
    queue.changeVisibility(receiptHandle, hidden);
  }
}
