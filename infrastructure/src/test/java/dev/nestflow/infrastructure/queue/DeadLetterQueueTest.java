package dev.nestflow.infrastructure.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeadLetterQueueTest {
  private final InMemoryQueue dead = new InMemoryQueue(Clock.systemUTC());
  private final InMemoryQueue transitions = new InMemoryQueue(Clock.systemUTC());

  @Test
  void aMovedMessageGoesBackIntoItsExecutionsGroupByteForByte() {
    dead.send("{\"sealed\":1}", Duration.ZERO, "arn:aws:states:us-east-1:123456789012:execution:M:one");
    dead.send("{\"sealed\":2}", Duration.ZERO, "arn:aws:states:us-east-1:123456789012:execution:M:two");

    List<QueueMessage> moved = new DeadLetterQueue(dead).moveBack(transitions, m -> m.body().contains("1"));

    assertThat(moved).extracting(QueueMessage::body).containsExactly("{\"sealed\":1}");
    List<QueueMessage> back = transitions.receive(10, Duration.ofSeconds(30));
    assertThat(back).extracting(QueueMessage::body, QueueMessage::group)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("{\"sealed\":1}", "arn:aws:states:us-east-1:123456789012:execution:M:one"));
    assertThat(new DeadLetterQueue(dead).list(10)).extracting(QueueMessage::body).containsExactly("{\"sealed\":2}");
  }
}
