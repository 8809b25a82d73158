package dev.nestflow.cli.serve;

import dev.nestflow.infrastructure.queue.MessageQueue;
import dev.nestflow.infrastructure.queue.QueueMessage;
import dev.nestflow.infrastructure.runtime.ExecutionRuntime;
import dev.nestflow.infrastructure.runtime.StateAdvance;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * The state-advance Lambda's job on a real clock: receives transition messages, applies them and
 * deletes them; a step that lost a race is made visible again at once, a failing one after a
 * back-off, and a message that failed {@link #MAX_RECEIVES} times is moved to the dead-letter queue
 * (as SQS's redrive policy does on AWS), recorded on its execution with the reason, and logged.
 */
final class TransitionLoop implements Runnable {
  static final Duration VISIBILITY = Duration.ofSeconds(30);
  static final int MAX_RECEIVES = 5;
  private static final long IDLE_MILLIS = 5;

  private final ExecutionRuntime runtime;
  private final MessageQueue queue;
  private final Consumer<String> log;
  /** Where a message goes after its last failure (sealed again, so it verifies when moved back). */
  private final MessageQueue deadLetters;
  private volatile boolean stopped;

  TransitionLoop(ExecutionRuntime runtime, MessageQueue queue, MessageQueue deadLetters, Consumer<String> log) {
    this.runtime = runtime;
    this.queue = queue;
    this.deadLetters = deadLetters;
    this.log = log;
  }

  void stop() {
    stopped = true;
  }

  @Override
  public void run() {
    while (!stopped && !Thread.currentThread().isInterrupted()) {
      try {
        List<QueueMessage> batch = queue.receive(10, VISIBILITY);
        if (batch.isEmpty()) {
          Thread.sleep(IDLE_MILLIS);
          continue;
        }
        for (QueueMessage m : batch) {
          apply(m);
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        if (stopped) {
          return; // the service closed its clients under a receive
        }
        log.accept("transition loop: " + e);
        sleepQuietly(1000);
      }
    }
  }

  private void apply(QueueMessage m) {
    try {
      if (runtime.stateAdvance().handle(m.body(), m.receiptHandle(), m.receiveCount())) {
        queue.delete(m.receiptHandle());
      }
    } catch (StateAdvance.ConcurrentStep lost) {
      queue.changeVisibility(m.receiptHandle(), Duration.ZERO);
    } catch (RuntimeException e) {
      if (m.receiveCount() >= MAX_RECEIVES) {
        log.accept("dead-lettering transition after " + m.receiveCount() + " failed attempts: " + m.body() + ": " + e);
        runtime.commands().recordDeadLetter(m.body(), m.receiveCount(), String.valueOf(e));
        deadLetters.send(m.body(), Duration.ZERO);
        queue.delete(m.receiptHandle());
      } else {
        log.accept("transition failed (attempt " + m.receiveCount() + ", retried): " + e);
        queue.changeVisibility(m.receiptHandle(), Duration.ofMillis(100L << m.receiveCount()));
      }
    }
  }

  private static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
