package dev.nestflow.infrastructure.faults;

import dev.nestflow.infrastructure.queue.MessageQueue;
import dev.nestflow.infrastructure.queue.QueueMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link MessageQueue} that crashes where its {@link FaultPlan} says (before or after a call),
 * delivers a sent message twice, delivers it late, and hands out received batches out of order.
 */
public final class FaultyMessageQueue implements MessageQueue {
  private final MessageQueue delegate;
  private final FaultPlan plan;

  public FaultyMessageQueue(MessageQueue delegate, FaultPlan plan) {
    this.delegate = delegate;
    this.plan = plan;
  }

  private void crashBefore(FaultKind crash, String operation) {
    if (crash == FaultKind.CRASH_BEFORE) {
      throw new InjectedCrash(crash, operation);
    }
  }

  private void crashAfter(FaultKind crash, String operation) {
    if (crash == FaultKind.CRASH_AFTER) {
      throw new InjectedCrash(crash, operation);
    }
  }

  @Override
  public void send(String body, Duration delay) {
    FaultKind crash = plan.crash();
    crashBefore(crash, "send");
    delegate.send(body, later(delay));
    if (plan.duplicate()) {
      delegate.send(body, later(delay));
    }
    crashAfter(crash, "send");
  }

  private Duration later(Duration delay) {
    Duration d = delay.plus(plan.delay());
    return d.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : d;
  }

  @Override
  public List<QueueMessage> receive(int max, Duration visibility) {
    List<QueueMessage> batch = new ArrayList<>(delegate.receive(max, visibility));
    plan.reorder(batch);
    return batch;
  }

  @Override
  public void delete(String receiptHandle) {
    FaultKind crash = plan.crash();
    crashBefore(crash, "delete");
    delegate.delete(receiptHandle);
    crashAfter(crash, "delete");
  }

  @Override
  public void changeVisibility(String receiptHandle, Duration visibility) {
    FaultKind crash = plan.crash();
    crashBefore(crash, "changeVisibility");
    delegate.changeVisibility(receiptHandle, visibility);
    crashAfter(crash, "changeVisibility");
  }
}
