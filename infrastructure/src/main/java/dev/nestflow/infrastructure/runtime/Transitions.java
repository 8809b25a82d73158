package dev.nestflow.infrastructure.runtime;

import dev.nestflow.infrastructure.queue.MessageQueue;
import java.time.Duration;

/**
 * The transitions queue as the runtime writes to it: a signal for an execution, delayed by at most
 * what one SQS message allows (a longer timer's message carries its due time and is sent again, or
 * kept hidden, until due); and the task queue (which may be the same queue), where tasks too long
 * for a state-advance call go.
 */
final class Transitions {
  private final MessageQueue queue;
  private final MessageQueue tasks;

  Transitions(MessageQueue queue) {
    this(queue, queue);
  }

  /** @param tasks where {@link InvokeMessage}s go (a consumer with long calls), or the transitions queue itself */
  Transitions(MessageQueue queue, MessageQueue tasks) {
    this.queue = queue;
    this.tasks = tasks;
  }

  /** A task for a consumer whose calls are long enough to run it. */
  void sendInvoke(InvokeMessage message) {
    tasks.send(message.toJson(), Duration.ZERO);
  }

  /** A tick for a map run (see {@link MapRunDriver}). */
  void sendMapRun(MapRunMessage message) {
    sendMapRun(message, Duration.ZERO);
  }

  void sendMapRun(MapRunMessage message, Duration delay) {
    queue.send(message.toJson(), delay.compareTo(MessageQueue.MAX_DELAY) > 0 ? MessageQueue.MAX_DELAY : delay);
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
