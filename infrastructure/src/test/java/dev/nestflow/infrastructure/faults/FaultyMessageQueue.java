package dev.nestflow.infrastructure.faults;

import dev.nestflow.infrastructure.queue.MessageQueue;
import dev.nestflow.infrastructure.queue.QueueMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link MessageQueue} that crashes where its {@link FaultPlan} says (before or after a call),
 * delivers a sent message twice, delivers it late, hands out received batches out of order, runs
 * {@code slowStep} (the running delivery's message handled again) before a call, and puts a forged
 * message (see {@link Forger}) next to a sent one. Like the transitions queue (MaximumMessageSize
 * in template.yaml), it refuses a message over 1 MiB.
 */
public final class FaultyMessageQueue implements MessageQueue {
  /**
   * The transitions and task queues' MaximumMessageSize (template.yaml): 1 MiB, as SQS's default
   * (256 KiB) cannot carry the answer of a task whose result is 256 KiB, AWS's payload limit.
   */
  static final int MAX_MESSAGE_BYTES = 1_048_576;

  private final MessageQueue delegate;
  private final FaultPlan plan;
  private final Runnable slowStep;
  private final Forger forger;

  public FaultyMessageQueue(MessageQueue delegate, FaultPlan plan) {
    this(delegate, plan, () -> {}, null);
  }

  /** @param forger makes the forged messages (null: none are made) */
  FaultyMessageQueue(MessageQueue delegate, FaultPlan plan, Runnable slowStep, Forger forger) {
    this.delegate = delegate;
    this.plan = plan;
    this.slowStep = slowStep;
    this.forger = forger;
  }

  private FaultKind fault(String operation) {
    FaultKind fault = plan.callFault(false, operation);
    if (fault == FaultKind.SLOW_STEP) {
      slowStep.run();
    } else if (fault == FaultKind.CRASH_BEFORE) {
      throw new InjectedCrash(fault, operation);
    }
    return fault;
  }

  private static void crashAfter(FaultKind fault, String operation) {
    if (fault == FaultKind.CRASH_AFTER) {
      throw new InjectedCrash(fault, operation);
    }
  }

  @Override
  public void send(String body, Duration delay) {
    FaultKind fault = fault("send");
    int size = body.getBytes(StandardCharsets.UTF_8).length;
    if (size > MAX_MESSAGE_BYTES) {
      throw new IllegalArgumentException("InvalidParameterValue: One or more parameters are invalid. Reason: Message must be "
          + "shorter than " + MAX_MESSAGE_BYTES + " bytes (was " + size + ")");
    }
    delegate.send(body, later(delay));
    if (plan.duplicate()) {
      delegate.send(body, later(delay));
    }
    if (forger != null && plan.forge()) {
      String forged = forger.forge(body);
      if (forged != null) {
        delegate.send(forged, later(delay));
      }
    }
    crashAfter(fault, "send");
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
    FaultKind fault = fault("delete");
    delegate.delete(receiptHandle);
    crashAfter(fault, "delete");
  }

  @Override
  public void changeVisibility(String receiptHandle, Duration visibility) {
    FaultKind fault = fault("changeVisibility");
    delegate.changeVisibility(receiptHandle, visibility);
    crashAfter(fault, "changeVisibility");
  }
}
