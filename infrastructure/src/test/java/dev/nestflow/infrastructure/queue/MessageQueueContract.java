package dev.nestflow.infrastructure.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link MessageQueue} adapter shares. Each test gets a new, empty queue.
 * Time passes through {@link #elapse}: the embedded queue moves its clock, a real service waits.
 * Durations are whole seconds, the unit SQS counts in.
 */
public abstract class MessageQueueContract {
  protected static final Duration LONG = Duration.ofSeconds(60);
  protected static final Duration SHORT = Duration.ofSeconds(1);

  protected MessageQueue queue;

  /** A new, empty queue. */
  protected abstract MessageQueue newQueue();

  /** Lets at least {@code d} pass for the queue. */
  protected abstract void elapse(Duration d);

  /**
   * Whether deleting through a receipt handle of an earlier receipt leaves the message in the
   * queue. SQS documents that such a delete succeeds but the message "might not be deleted"; the
   * embedded queue never deletes it, an emulator may.
   */
  protected boolean staleHandleLeavesTheMessage() {
    return true;
  }

  /**
   * A new, empty queue that keeps message groups (one consumer at a time per group; an SQS FIFO
   * queue), with no per-message delays required; null when the adapter has none.
   */
  protected MessageQueue newGroupedQueue() {
    return null;
  }

  @BeforeEach
  void setUpQueue() {
    queue = newQueue();
  }

  private MessageQueue grouped() {
    MessageQueue q = newGroupedQueue();
    assumeTrue(q != null, "this adapter has no message groups");
    return q;
  }

  private static List<String> bodies(List<QueueMessage> messages) {
    return messages.stream().map(QueueMessage::body).toList();
  }

  @Test
  void aGroupsNextMessageWaitsUntilItsMessageInFlightIsDeleted() {
    MessageQueue q = grouped();
    q.send("a1", Duration.ZERO, "A");
    q.send("a2", Duration.ZERO, "A");
    q.send("b1", Duration.ZERO, "B");

    List<QueueMessage> first = q.receive(1, LONG);
    assertThat(bodies(first)).containsExactly("a1");
    assertThat(first.get(0).group()).isEqualTo("A");
    assertThat(bodies(q.receive(10, LONG))).containsExactly("b1");
    assertThat(q.receive(10, LONG)).isEmpty();

    q.delete(first.get(0).receiptHandle());
    assertThat(bodies(q.receive(10, LONG))).containsExactly("a2");
  }

  @Test
  void aGroupLongerThanSqsTakesOrWithOtherCharactersStillKeepsItsMessagesInOrder() {
    MessageQueue q = grouped();
    // an execution ARN of a map run's child with long names runs past SQS's 128 characters
    String longArn = "arn:aws:states:us-east-1:123456789012:execution:" + "m".repeat(80) + "/" + "l".repeat(40) + ":"
        + "n".repeat(80);
    String unicode = "arn:aws:states:us-east-1:123456789012:execution:M:caf\u00e9 \ud83d\ude80";
    q.send("long1", Duration.ZERO, longArn);
    q.send("long2", Duration.ZERO, longArn);
    q.send("uni1", Duration.ZERO, unicode);
    q.send("uni2", Duration.ZERO, unicode);

    List<QueueMessage> first = q.receive(10, LONG);
    List<String> got = bodies(first);
    assertThat(got).containsExactlyInAnyOrder("long1", "long2", "uni1", "uni2");
    assertThat(got.indexOf("long1")).isLessThan(got.indexOf("long2"));
    assertThat(got.indexOf("uni1")).isLessThan(got.indexOf("uni2"));
    QueueMessage long1 = first.get(got.indexOf("long1"));
    assertThat(first.get(got.indexOf("long2")).group()).isEqualTo(long1.group());
    // a received message sent again with the group it came with joins the same group: it waits
    q.send("long3", Duration.ZERO, long1.group());
    assertThat(q.receive(10, LONG)).isEmpty();
    first.forEach(m -> q.delete(m.receiptHandle()));
    assertThat(bodies(q.receive(10, LONG))).containsExactly("long3");
  }

  @Test
  void aGroupIsFreeAgainWhenItsMessageInFlightBecomesVisible() {
    MessageQueue q = grouped();
    q.send("a1", Duration.ZERO, "A");
    q.send("a2", Duration.ZERO, "A");
    assertThat(bodies(q.receive(1, SHORT))).containsExactly("a1");

    elapse(SHORT.plusSeconds(1));

    assertThat(bodies(q.receive(10, LONG))).contains("a1");
  }

  @Test
  void theSameBodySentTwiceToAGroupIsDeliveredTwice() {
    MessageQueue q = grouped();
    q.send("same", Duration.ZERO, "A");
    q.send("same", Duration.ZERO, "A");

    List<QueueMessage> got = q.receive(10, LONG);
    if (got.size() == 1) {
      q.delete(got.get(0).receiptHandle());
      got = q.receive(10, LONG);
    }

    assertThat(got).isNotEmpty();
    assertThat(bodies(got)).allMatch("same"::equals);
  }

  private QueueMessage receiveOne(Duration visibility) {
    List<QueueMessage> got = queue.receive(1, visibility);
    assertThat(got).hasSize(1);
    return got.get(0);
  }

  @Test
  void sentMessageIsReceivedWithItsBodyAndReceiveCountOne() {
    queue.send("{\"hello\":\"wörld ✓\"}", Duration.ZERO);

    QueueMessage m = receiveOne(LONG);

    assertThat(m.body()).isEqualTo("{\"hello\":\"wörld ✓\"}");
    assertThat(m.receiveCount()).isEqualTo(1);
    assertThat(m.messageId()).isNotBlank();
    assertThat(m.receiptHandle()).isNotBlank();
  }

  @Test
  void emptyQueueReceivesNothing() {
    assertThat(queue.receive(10, LONG)).isEmpty();
  }

  @Test
  void receivedMessageIsInvisibleWhileItsVisibilityLasts() {
    queue.send("a", Duration.ZERO);
    receiveOne(LONG);

    assertThat(queue.receive(10, LONG)).isEmpty();
  }

  @Test
  void messageNotDeletedBeforeVisibilityEndsIsDeliveredAgain() {
    queue.send("a", Duration.ZERO);
    QueueMessage first = receiveOne(SHORT);

    elapse(SHORT);
    QueueMessage second = receiveOne(LONG);

    assertThat(second.messageId()).isEqualTo(first.messageId());
    assertThat(second.body()).isEqualTo("a");
    assertThat(second.receiveCount()).isEqualTo(2);
    assertThat(second.receiptHandle()).isNotEqualTo(first.receiptHandle());
  }

  @Test
  void deletedMessageIsNotDeliveredAgain() {
    queue.send("a", Duration.ZERO);
    QueueMessage m = receiveOne(SHORT);

    queue.delete(m.receiptHandle());
    elapse(SHORT);

    assertThat(queue.receive(10, LONG)).isEmpty();
  }

  @Test
  void delayedMessageIsInvisibleUntilItsDelayPasses() {
    queue.send("later", Duration.ofSeconds(2));
    queue.send("now", Duration.ZERO);

    assertThat(queue.receive(10, LONG)).extracting(QueueMessage::body).containsExactly("now");

    elapse(Duration.ofSeconds(2));
    assertThat(queue.receive(10, LONG)).extracting(QueueMessage::body).containsExactly("later");
  }

  @Test
  void changingVisibilityToZeroMakesTheMessageVisibleAtOnce() {
    queue.send("a", Duration.ZERO);
    QueueMessage first = receiveOne(LONG);

    queue.changeVisibility(first.receiptHandle(), Duration.ZERO);

    QueueMessage again = receiveOne(LONG);
    assertThat(again.messageId()).isEqualTo(first.messageId());
    assertThat(again.receiveCount()).isEqualTo(2);
  }

  @Test
  void extendingVisibilityKeepsTheMessageHiddenPastItsFirstTimeout() {
    queue.send("a", Duration.ZERO);
    QueueMessage m = receiveOne(SHORT);

    queue.changeVisibility(m.receiptHandle(), LONG);
    elapse(SHORT);

    assertThat(queue.receive(10, LONG)).isEmpty();
  }

  @Test
  void staleReceiptHandleDoesNotDeleteTheRedeliveredMessage() {
    queue.send("a", Duration.ZERO);
    QueueMessage first = receiveOne(LONG);
    queue.changeVisibility(first.receiptHandle(), Duration.ZERO);
    QueueMessage second = receiveOne(LONG);

    queue.delete(first.receiptHandle());

    assumeTrue(staleHandleLeavesTheMessage(), "this adapter may delete through a stale handle, as SQS may");
    queue.changeVisibility(second.receiptHandle(), Duration.ZERO);
    QueueMessage third = receiveOne(LONG);
    assertThat(third.messageId()).isEqualTo(first.messageId());
    assertThat(third.receiveCount()).isEqualTo(3);
  }

  @Test
  void latestReceiptHandleDeletesTheMessage() {
    queue.send("a", Duration.ZERO);
    QueueMessage first = receiveOne(LONG);
    queue.changeVisibility(first.receiptHandle(), Duration.ZERO);
    QueueMessage second = receiveOne(LONG);

    queue.delete(second.receiptHandle());
    queue.changeVisibility(second.receiptHandle(), Duration.ZERO);

    assertThat(queue.receive(10, LONG)).isEmpty();
  }

  @Test
  void receiveReturnsAtMostMaxAndEveryMessageExactlyOnceWhileInvisible() {
    for (int i = 0; i < 5; i++) {
      queue.send("m" + i, Duration.ZERO);
    }

    assertThat(queue.receive(2, LONG)).hasSizeBetween(1, 2);
    Map<String, Integer> seen = new HashMap<>();
    for (int attempt = 0; attempt < 10 && seen.size() < 3; attempt++) {
      queue.receive(10, LONG).forEach(m -> seen.merge(m.body(), 1, Integer::sum));
    }

    assertThat(seen).hasSize(3).allSatisfy((body, times) -> assertThat(times).isEqualTo(1));
  }

  @Test
  void delayOverFifteenMinutesIsRefused() {
    assertThatThrownBy(() -> queue.send("a", MessageQueue.MAX_DELAY.plusSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> queue.send("a", Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void negativeVisibilityIsRefused() {
    assertThatThrownBy(() -> queue.receive(1, Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
