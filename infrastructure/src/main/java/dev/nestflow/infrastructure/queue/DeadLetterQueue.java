package dev.nestflow.infrastructure.queue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The dead-letter queue of a transitions (or task) queue, whatever the queue type (SQS, in memory,
 * standard or FIFO behind a {@link MessageQueue}): lists its messages without taking them, and moves
 * them back to the queue they came from. Bodies are moved byte for byte, so a sealed message
 * ({@link MessageSeal}) still verifies when it is applied again.
 */
public final class DeadLetterQueue {
  /** How long a listed or moved message is hidden from other readers while this one works on it. */
  static final Duration HOLD = Duration.ofSeconds(30);

  private final MessageQueue dead;

  /** {@code dead}: the dead-letter queue itself, as stored (not a {@link SignedQueue}). */
  public DeadLetterQueue(MessageQueue dead) {
    this.dead = dead;
  }

  /** Up to {@code max} dead-lettered messages, left in the queue (made visible again at once). */
  public List<QueueMessage> list(int max) {
    List<QueueMessage> seen = take(max);
    seen.forEach(m -> dead.changeVisibility(m.receiptHandle(), Duration.ZERO));
    return seen;
  }

  /**
   * Moves the dead-lettered messages that {@code which} selects back to {@code target} (the queue as
   * stored, so the body is sent as it is, into the message group it had), deleting each from the dead-letter queue once it is sent;
   * the others stay. Returns the messages moved.
   */
  public List<QueueMessage> moveBack(MessageQueue target, Predicate<QueueMessage> which) {
    List<QueueMessage> moved = new ArrayList<>();
    for (QueueMessage m : take(Integer.MAX_VALUE)) {
      if (which.test(m)) {
        // back into its execution's group (a FIFO dead-letter queue keeps the group it came with)
        target.send(m.body(), Duration.ZERO, m.group());
        dead.delete(m.receiptHandle());
        moved.add(m);
      } else {
        dead.changeVisibility(m.receiptHandle(), Duration.ZERO);
      }
    }
    return moved;
  }

  /** Receives until the queue has nothing visible left (or {@code max}), each message held for {@link #HOLD}. */
  private List<QueueMessage> take(int max) {
    List<QueueMessage> out = new ArrayList<>();
    while (out.size() < max) {
      List<QueueMessage> batch = dead.receive(Math.min(10, max - out.size()), HOLD);
      if (batch.isEmpty()) {
        break;
      }
      out.addAll(batch);
    }
    return out;
  }
}
