package dev.nestflow.infrastructure.embedded;

import dev.nestflow.infrastructure.queue.InMemoryQueue;
import dev.nestflow.infrastructure.queue.QueueMessage;
import dev.nestflow.infrastructure.runtime.ExecutionRuntime;
import dev.nestflow.infrastructure.runtime.StateAdvance;
import dev.nestflow.infrastructure.runtime.TaskTokens;
import dev.nestflow.infrastructure.store.InMemoryExecutionStore;
import dev.nestflow.infrastructure.tasks.TaskInvoker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The whole runtime in one JVM: the same {@link ExecutionRuntime} the Lambda runs, over the
 * in-memory store and queue, on a virtual clock. {@link #runUntilIdle} plays the state-advance
 * Lambda: it receives transition messages, applies them, deletes them on success and leaves them
 * for redelivery on failure, moving the clock to the next delayed message when nothing is visible.
 */
public final class EmbeddedRuntime {
  /** How long a received message stays invisible: a failed step is retried after this. */
  public static final Duration VISIBILITY = Duration.ofSeconds(30);

  private final VirtualClock clock;
  private final InMemoryExecutionStore store = new InMemoryExecutionStore();
  private final InMemoryQueue transitions;
  private final ExecutionRuntime runtime;

  /**
   * Builds the task invoker from what only the embedded runtime has: its virtual clock (for
   * integrations and functions that read the time) and the runtime itself, handed over lazily as it
   * is built after its invoker (for integrations that call back into it, such as {@code aws-sdk:sfn}).
   */
  @FunctionalInterface
  public interface TaskWiring {
    TaskInvoker tasks(VirtualClock clock, Supplier<ExecutionRuntime> runtime);
  }

  public EmbeddedRuntime(Instant start, TaskInvoker tasks) {
    this(start, (clock, runtime) -> tasks);
  }

  /** An embedded runtime whose task invoker is built on its own clock and runtime (see {@link TaskWiring}). */
  public static EmbeddedRuntime wired(Instant start, TaskWiring tasks) {
    return new EmbeddedRuntime(start, tasks);
  }

  private EmbeddedRuntime(Instant start, TaskWiring tasks) {
    this.clock = new VirtualClock(start);
    this.transitions = new InMemoryQueue(clock);
    this.runtime = new ExecutionRuntime(store, transitions, tasks.tasks(clock, this::runtime), clock, TaskTokens.randomKey());
  }

  public ExecutionRuntime runtime() {
    return runtime;
  }

  public InMemoryExecutionStore store() {
    return store;
  }

  public VirtualClock clock() {
    return clock;
  }

  public InMemoryQueue transitions() {
    return transitions;
  }

  /**
   * Applies messages until the queue is empty, or until the next message is due after
   * {@code until} (then the clock stops there). Returns the number of messages applied.
   */
  public int runUntilIdle(Instant until) {
    return runUntilIdle(until, () -> false);
  }

  /**
   * Like {@link #runUntilIdle(Instant)}, but whenever no message is visible now, {@code outside}
   * acts first (a worker answering tokens, a test stopping an execution); the clock moves on only
   * when it reports that it did nothing.
   */
  public int runUntilIdle(Instant until, java.util.function.BooleanSupplier outside) {
    int applied = 0;
    while (true) {
      List<QueueMessage> batch = transitions.receive(10, VISIBILITY);
      if (batch.isEmpty()) {
        if (outside.getAsBoolean()) {
          continue;
        }
        Optional<Instant> next = transitions.nextVisibleAt();
        if (next.isEmpty() || next.get().isAfter(until)) {
          return applied;
        }
        clock.advanceTo(next.get());
        continue;
      }
      for (QueueMessage m : batch) {
        try {
          if (runtime.stateAdvance().handle(m.body(), m.receiptHandle(), m.receiveCount())) {
            transitions.delete(m.receiptHandle());
          }
          applied++;
        } catch (StateAdvance.ConcurrentStep e) {
          // left in flight: delivered again when its visibility timeout ends
        }
      }
    }
  }
}
