package dev.nestflow.infrastructure.runtime;

import dev.nestflow.infrastructure.embedded.VirtualClock;
import dev.nestflow.infrastructure.queue.InMemoryQueue;
import dev.nestflow.infrastructure.queue.QueueMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Runs an in-memory queue on a virtual clock to its end, as a consumer would in real time: each
 * visible message goes to the consumer (deleted when it says it is done), and when none is visible
 * the clock moves to the next one's time.
 */
final class QueueToEnd {
  /** What a consumer does with one message: true when it is done (delete it). */
  interface Consumer {
    boolean handle(QueueMessage message);
  }

  private QueueToEnd() {}

  static void run(InMemoryQueue queue, VirtualClock clock, Consumer consumer) {
    while (true) {
      List<QueueMessage> batch = queue.receive(10, Duration.ofSeconds(30));
      if (batch.isEmpty()) {
        Optional<Instant> next = queue.nextVisibleAt();
        if (next.isEmpty()) {
          return;
        }
        clock.advanceTo(next.get());
        continue;
      }
      for (QueueMessage m : batch) {
        if (consumer.handle(m)) {
          queue.delete(m.receiptHandle());
        }
      }
    }
  }
}
