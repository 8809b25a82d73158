package dev.nestflow.infrastructure.runtime;

import dev.nestflow.infrastructure.embedded.VirtualClock;
import dev.nestflow.infrastructure.queue.InMemoryQueue;
import dev.nestflow.infrastructure.queue.MessageQueue;
import dev.nestflow.infrastructure.queue.QueueMessage;
import dev.nestflow.infrastructure.store.ActivityRecord;
import dev.nestflow.infrastructure.store.ActivityTaskRecord;
import dev.nestflow.infrastructure.store.ExecutionRecord;
import dev.nestflow.infrastructure.store.ExecutionStore;
import dev.nestflow.infrastructure.store.ForwardingExecutionStore;
import dev.nestflow.infrastructure.store.InMemoryExecutionStore;
import dev.nestflow.infrastructure.store.SignalEntry;
import dev.nestflow.infrastructure.store.StateMachineRecord;
import dev.nestflow.infrastructure.store.TokenRecord;
import dev.nestflow.infrastructure.tasks.TaskInvoker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A runtime over in-memory adapters with faults placed by the test: a send whose body matches
 * {@link #crashBeforeSend} throws instead (once), {@link #extraDelay} delays chosen messages, and
 * {@link #crashBeforeAppends} makes the next appends throw. {@link #drain} plays the Lambda: a
 * handler that throws leaves its message for redelivery after the visibility timeout.
 */
final class ScriptedFaults {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  static final String ACCOUNT = "arn:aws:states:us-east-1:123456789012:stateMachine:";

  final VirtualClock clock = new VirtualClock(T0);
  final InMemoryExecutionStore store = new InMemoryExecutionStore();
  final InMemoryQueue queue = new InMemoryQueue(clock);
  final ExecutionRuntime runtime;
  Predicate<String> crashBeforeSend = body -> false;
  Function<String, Duration> extraDelay = body -> Duration.ZERO;
  int crashBeforeAppends;

  static final class Crash extends RuntimeException {
    Crash(String what) {
      super(what, null, false, false);
    }
  }

  ScriptedFaults(TaskInvoker tasks) {
    runtime = new ExecutionRuntime(new Store(), new Queue(), tasks, clock,
        new TaskTokens("scripted-faults-key-0123456789ab".getBytes(StandardCharsets.UTF_8)));
  }

  String machine(String name, String definition) {
    store.putStateMachine(new StateMachineRecord(ACCOUNT + name, name, "STANDARD", definition, "arn:aws:iam::1:role/r", 0));
    return ACCOUNT + name;
  }

  void drain() {
    for (int i = 0; i < 10_000; i++) {
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
        try {
          runtime.stateAdvance().handle(m.body());
          queue.delete(m.receiptHandle());
        } catch (Crash | StateAdvance.ConcurrentStep e) {
          // redelivered after the visibility timeout
        }
      }
    }
    throw new AssertionError("the queue never drained");
  }

  private final class Queue implements MessageQueue {
    @Override
    public void send(String body, Duration delay) {
      if (crashBeforeSend.test(body)) {
        crashBeforeSend = b -> false;
        throw new Crash("before send " + body);
      }
      Duration d = delay.plus(extraDelay.apply(body));
      queue.send(body, d.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : d);
    }

    @Override
    public List<QueueMessage> receive(int max, Duration visibility) {
      return queue.receive(max, visibility);
    }

    @Override
    public void delete(String receiptHandle) {
      queue.delete(receiptHandle);
    }

    @Override
    public void changeVisibility(String receiptHandle, Duration visibility) {
      queue.changeVisibility(receiptHandle, visibility);
    }
  }

  private final class Store extends ForwardingExecutionStore {
    Store() {
      super(store);
    }

    @Override
    public boolean append(String executionArn, SignalEntry entry) {
      if (crashBeforeAppends > 0) {
        crashBeforeAppends--;
        throw new Crash("before append " + entry.signalId());
      }
      return delegate.append(executionArn, entry);
    }
  }
}
