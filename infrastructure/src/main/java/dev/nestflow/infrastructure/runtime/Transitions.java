package dev.nestflow.infrastructure.runtime;

import dev.nestflow.infrastructure.queue.MessageQueue;
import java.time.Duration;

/**
 * The transitions queue as the runtime writes to it: a signal for an execution, delayed by at most
 * what one SQS message allows (a longer timer's message carries its due time and is sent again, or
 * kept hidden, until due); and the task queue (which may be the same queue), where tasks too long
 * for a state-advance call go.
 *
 * <p>A signal due now goes into the execution's message group (its ARN): on a queue that keeps
 * groups (SQS FIFO) one consumer at a time applies an execution's signals, so no two writers race
 * for its log. Such a queue takes no delays, and a message kept hidden there would hold back its
 * group: delayed signals (timers, answers that overtook their submission) go to a separate
 * standard timers queue whose consumer {@linkplain StateAdvance#forward forwards} each one when it
 * is due. Without a timers queue (a standard queue, the in-memory queue) delayed signals go to the
 * transitions queue itself, without a group.
 */
final class Transitions {
  private final MessageQueue queue;
  private final MessageQueue timers;
  private final MessageQueue tasks;

  Transitions(MessageQueue queue) {
    this(queue, queue, queue);
  }

  /**
   * @param timers where delayed signals wait until due, or {@code queue} itself when it takes delays
   * @param tasks where {@link InvokeMessage}s go (a consumer with long calls), or the transitions queue itself
   */
  Transitions(MessageQueue queue, MessageQueue timers, MessageQueue tasks) {
    if (!timers.delays()) {
      throw new IllegalArgumentException("delayed transitions need a queue that takes delays: configure a timers queue"
          + " next to a FIFO transitions queue");
    }
    this.queue = queue;
    this.timers = timers;
    this.tasks = tasks;
  }

  /** A task for a consumer whose calls are long enough to run it. */
  void sendInvoke(InvokeMessage message) {
    // a group of its own: a task may run for minutes, and on a FIFO queue that would hold back the
    // execution's group; the task writes nothing to the log (its answer is a transition)
    tasks.send(message.toJson(), Duration.ZERO, message.answerId().text());
  }

  /** A tick for a map run (see {@link MapRunDriver}). */
  void sendMapRun(MapRunMessage message) {
    sendMapRun(message, Duration.ZERO);
  }

  /**
   * A map run's message, due now in a group of its own (ticks are idempotent and may run at the same
   * time: an Express slice runs in one consumer while the next is claimed in another, which one
   * group per run would forbid), or later through the timers queue.
   */
  void sendMapRun(MapRunMessage message, Duration delay) {
    Duration capped = delay.compareTo(MessageQueue.MAX_DELAY) > 0 ? MessageQueue.MAX_DELAY : delay;
    if (capped.isZero()) {
      queue.send(message.toJson(), Duration.ZERO, "maprun-" + java.util.UUID.randomUUID());
    } else {
      timers.send(message.toJson(), capped);
    }
  }

  void send(TransitionMessage message, Duration delay) {
    Duration capped = delay.compareTo(MessageQueue.MAX_DELAY) > 0 ? MessageQueue.MAX_DELAY : delay;
    if (capped.isZero()) {
      queue.send(message.toJson(), Duration.ZERO, message.executionArn());
    } else {
      timers.send(message.toJson(), capped);
    }
  }

  /** Whether delayed signals wait in a queue of their own (the transitions queue keeps groups, without delays). */
  boolean separateTimers() {
    return timers != queue;
  }

  /** Keeps a received delayed message hidden for {@code hidden} more (a timer that is not due yet). */
  void hide(String receiptHandle, Duration hidden) {
    timers.changeVisibility(receiptHandle, hidden);
  }
}
