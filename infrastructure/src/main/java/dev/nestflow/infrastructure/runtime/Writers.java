package dev.nestflow.infrastructure.runtime;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One writer per execution inside a process: the threads of one runtime never race each other for
 * an execution's log. A thread that finds the execution busy waits for the one applying its
 * signals and then steps the execution that thread left in the cache (no read, no replay), where
 * it used to find the cache taken and replay the whole log.
 */
final class Writers {
  /** A lock and how many threads hold or wait for it (the slot goes when nobody does). */
  private static final class Slot {
    final ReentrantLock lock = new ReentrantLock();
    int users;
  }

  /** How long a thread waits for another to finish with the execution before it gives up (retried later). */
  static final long WAIT_SECONDS = 60;

  private final Map<String, Slot> slots = new ConcurrentHashMap<>();

  /**
   * Runs {@code body} as the execution's only writer in this process; throws {@link
   * StateAdvance.ConcurrentStep} (the message is retried) when another thread holds the execution
   * for longer than {@link #WAIT_SECONDS}.
   */
  <T> T exclusively(String executionArn, java.util.function.Supplier<T> body) {
    Slot slot = slots.compute(executionArn, (k, s) -> {
      Slot held = s == null ? new Slot() : s;
      held.users++;
      return held;
    });
    boolean locked = false;
    try {
      locked = slot.lock.tryLock(WAIT_SECONDS, TimeUnit.SECONDS);
      if (!locked) {
        throw new StateAdvance.ConcurrentStep(executionArn);
      }
      return body.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StateAdvance.ConcurrentStep(executionArn);
    } finally {
      if (locked) {
        slot.lock.unlock();
      }
      slots.compute(executionArn, (k, s) -> --s.users == 0 ? null : s);
    }
  }

  /** Executions some thread holds or waits for (tests). */
  int busy() {
    return slots.size();
  }
}
