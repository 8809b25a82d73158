package dev.nestflow.infrastructure.faults;

import dev.nestflow.infrastructure.queue.MessageQueue;
import dev.nestflow.infrastructure.queue.QueueMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A queue with SQS's redrive policy: a message received more than {@code maxReceiveCount} times
 * is moved to the dead-letter queue on the receive that would exceed it, instead of being handed
 * out. SQS keeps no reason with it; the consumer logs one when a message fails on its last receive
 * (as the state-advance function does), and this queue keeps the last reason its consumer reported
 * with the dead letter. {@link #redrive} moves the dead letters back (SQS's StartMessageMoveTask,
 * {@code nestflow dlq redrive}).
 */
final class RedrivePolicyQueue implements MessageQueue {
  /** A message in the dead-letter queue, with why it kept failing (null: nobody said). */
  record DeadLetter(String messageId, String body, int receives, String reason) {}

  private final MessageQueue delegate;
  private final int maxReceiveCount;
  private final Map<String, String> reasons = new HashMap<>();
  private final List<DeadLetter> deadLetters = new ArrayList<>();
  private final List<DeadLetter> everDeadLettered = new ArrayList<>();

  RedrivePolicyQueue(MessageQueue delegate, int maxReceiveCount) {
    this.delegate = delegate;
    this.maxReceiveCount = maxReceiveCount;
  }

  /** The consumer failed to handle this message, for this reason (kept for the dead letter). */
  void failed(String messageId, String reason) {
    reasons.put(messageId, reason);
  }

  @Override
  public void send(String body, Duration delay) {
    delegate.send(body, delay);
  }

  @Override
  public List<QueueMessage> receive(int max, Duration visibility) {
    List<QueueMessage> out = new ArrayList<>();
    for (QueueMessage m : delegate.receive(max, visibility)) {
      if (m.receiveCount() > maxReceiveCount) {
        DeadLetter dead = new DeadLetter(m.messageId(), m.body(), m.receiveCount() - 1, reasons.remove(m.messageId()));
        deadLetters.add(dead);
        everDeadLettered.add(dead);
        delegate.delete(m.receiptHandle());
      } else {
        out.add(m);
      }
    }
    return out;
  }

  @Override
  public void delete(String receiptHandle) {
    delegate.delete(receiptHandle);
  }

  @Override
  public void changeVisibility(String receiptHandle, Duration visibility) {
    delegate.changeVisibility(receiptHandle, visibility);
  }

  /** The dead-letter queue's messages now. */
  List<DeadLetter> deadLetters() {
    return List.copyOf(deadLetters);
  }

  /** Every message that reached the dead-letter queue during the run. */
  List<DeadLetter> everDeadLettered() {
    return List.copyOf(everDeadLettered);
  }

  /** Moves every dead letter back to the queue (as sent anew: its receive count starts over); how many. */
  int redrive() {
    int n = deadLetters.size();
    deadLetters.forEach(d -> delegate.send(d.body(), Duration.ZERO));
    deadLetters.clear();
    return n;
  }
}
