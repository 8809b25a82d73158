package dev.nestflow.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nestflow.infrastructure.queue.InMemoryQueue;
import dev.nestflow.infrastructure.runtime.ExecutionRuntime;
import dev.nestflow.infrastructure.runtime.TaskTokens;
import dev.nestflow.infrastructure.store.InMemoryExecutionStore;
import dev.nestflow.infrastructure.store.StateMachineRecord;
import dev.nestflow.infrastructure.tasks.TaskOutcome;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A {@code serve} loop keeps the messages it is still working on hidden, so a step that outlasts the
 * visibility timeout (a long task run in line) is not handed to a second loop that would run its
 * task again.
 */
class VisibilityKeeperTest {
  private static final String SM = "arn:aws:states:us-east-1:123456789012:stateMachine:Slow";
  private static final Duration VISIBILITY = Duration.ofSeconds(1);

  private final Clock clock = Clock.systemUTC();
  private final InMemoryQueue queue = new InMemoryQueue(clock);
  private final InMemoryExecutionStore store = new InMemoryExecutionStore();
  private final AtomicInteger invocations = new AtomicInteger();
  private final List<String> log = new CopyOnWriteArrayList<>();
  private final List<TransitionLoop> loops = new ArrayList<>();
  private final List<Thread> threads = new ArrayList<>();

  @AfterEach
  void stop() throws InterruptedException {
    loops.forEach(TransitionLoop::stop);
    for (Thread t : threads) {
      t.interrupt();
      t.join(2_000);
    }
  }

  @Test
  void aTaskLongerThanTheVisibilityTimeoutRunsOnceWithTwoLoopsOnTheQueue() throws Exception {
    dev.nestflow.infrastructure.tasks.TaskInvoker slow = request -> {
      invocations.incrementAndGet();
      try {
        Thread.sleep(VISIBILITY.multipliedBy(3).toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return new TaskOutcome.Succeeded(request.input());
    };
    ExecutionRuntime runtime = new ExecutionRuntime(store, queue, slow, clock, TaskTokens.randomKey());
    store.putStateMachine(new StateMachineRecord(SM, "Slow", "STANDARD", """
        {"StartAt": "T", "States": {"T": {"Type": "Task",
          "Resource": "arn:aws:lambda:us-east-1:123456789012:function:slow", "End": true}}}""",
        "arn:aws:iam::123456789012:role/r", 0));
    for (int i = 0; i < 2; i++) {
      // two processes: each its own runtime (and cache) on the one store and queue
      ExecutionRuntime own = i == 0 ? runtime : new ExecutionRuntime(store, queue, slow, clock, TaskTokens.randomKey());
      TransitionLoop loop = new TransitionLoop(own, queue, new InMemoryQueue(clock), log::add, VISIBILITY);
      Thread t = new Thread(loop, "keeper-test-" + i);
      t.setDaemon(true);
      loops.add(loop);
      threads.add(t);
      t.start();
    }

    String arn = runtime.commands().startExecution(SM, "one", "{\"n\":1}").executionArn();
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (store.execution(arn).orElseThrow().running() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    Thread.sleep(VISIBILITY.multipliedBy(2).toMillis()); // a second loop would have taken it by now

    assertThat(store.execution(arn).orElseThrow().status()).isEqualTo("SUCCEEDED");
    assertThat(invocations).hasValue(1);
  }
}
