package dev.nestflow.infrastructure.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nestflow.infrastructure.embedded.VirtualClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class InMemoryQueueTest extends MessageQueueContract {
  private final VirtualClock clock = new VirtualClock(Instant.parse("2026-01-01T00:00:00Z"));

  @Override
  protected MessageQueue newQueue() {
    return new InMemoryQueue(clock);
  }

  @Override
  protected MessageQueue newGroupedQueue() {
    return new InMemoryQueue(clock);
  }

  @Override
  protected void elapse(Duration d) {
    clock.advance(d);
  }

  @Test
  void delayIsHonouredToTheMillisecond() {
    queue.send("a", Duration.ofMillis(1500));

    clock.advance(Duration.ofMillis(1499));
    assertThat(queue.receive(1, LONG)).isEmpty();

    clock.advance(Duration.ofMillis(1));
    assertThat(queue.receive(1, LONG)).hasSize(1);
  }

  @Test
  void messagesAreHandedOutInTheOrderTheyBecameVisible() {
    queue.send("second", Duration.ofSeconds(2));
    queue.send("first", Duration.ofSeconds(1));
    queue.send("third", Duration.ofSeconds(2));
    clock.advance(Duration.ofSeconds(2));

    assertThat(queue.receive(10, LONG)).extracting(QueueMessage::body).containsExactly("first", "second", "third");
  }

  @Test
  void visibilityChangeOfAMessageNoLongerInFlightChangesNothing() {
    queue.send("a", Duration.ZERO);
    QueueMessage m = queue.receive(1, SHORT).get(0);
    clock.advance(SHORT);

    queue.changeVisibility(m.receiptHandle(), LONG);

    assertThat(queue.receive(1, LONG)).extracting(QueueMessage::receiveCount).containsExactly(2);
  }

  @Test
  void deletingRemovesTheMessageFromTheQueue() {
    queue.send("a", Duration.ZERO);
    queue.send("b", Duration.ZERO);
    QueueMessage m = queue.receive(1, LONG).get(0);

    queue.delete(m.receiptHandle());

    assertThat(((InMemoryQueue) queue).size()).isEqualTo(1);
  }
}
