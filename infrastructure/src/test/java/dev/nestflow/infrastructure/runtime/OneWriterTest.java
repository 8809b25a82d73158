package dev.nestflow.infrastructure.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nestflow.infrastructure.embedded.VirtualClock;
import dev.nestflow.infrastructure.queue.InMemoryQueue;
import dev.nestflow.infrastructure.queue.QueueMessage;
import dev.nestflow.infrastructure.store.ExecutionRecord;
import dev.nestflow.infrastructure.store.InMemoryExecutionStore;
import dev.nestflow.infrastructure.store.StateMachineRecord;
import dev.nestflow.infrastructure.tasks.TaskInvoker;
import dev.nestflow.infrastructure.telemetry.StepListener;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One writer per execution: no thread or runtime replays the whole log because another stepped it. */
class OneWriterTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final String SM = "arn:aws:states:us-east-1:123456789012:stateMachine:Fan";
  private static final String MAP = "{\"StartAt\":\"M\",\"States\":{\"M\":{\"Type\":\"Map\",\"ItemsPath\":\"$.items\","
      + "\"Iterator\":{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"Next\":\"W\"},"
      + "\"W\":{\"Type\":\"Wait\",\"Seconds\":10,\"Next\":\"Q\"},\"Q\":{\"Type\":\"Pass\",\"End\":true}}},\"End\":true}}}";
  private static final String CHAIN = "{\"StartAt\":\"A\",\"States\":{"
      + "\"A\":{\"Type\":\"Wait\",\"Seconds\":1,\"Next\":\"B\"},\"B\":{\"Type\":\"Wait\",\"Seconds\":1,\"Next\":\"C\"},"
      + "\"C\":{\"Type\":\"Wait\",\"Seconds\":1,\"Next\":\"D\"},\"D\":{\"Type\":\"Wait\",\"Seconds\":1,\"End\":true}}}";

  private final VirtualClock clock = new VirtualClock(T0);
  private final InMemoryQueue queue = new InMemoryQueue(clock);
  private final InMemoryExecutionStore store = new InMemoryExecutionStore();
  private final ExecutorService threads = Executors.newFixedThreadPool(4);
  private final AtomicInteger refused = new AtomicInteger();
  private final AtomicInteger replayed = new AtomicInteger();
  private final AtomicInteger caughtUpEntries = new AtomicInteger();

  @AfterEach
  void stopThreads() {
    threads.shutdownNow();
  }

  private ExecutionRuntime runtime() {
    ExecutionRuntime runtime = new ExecutionRuntime(store, queue, TaskInvoker.none(), clock, TaskTokens.randomKey());
    runtime.stateAdvance().listen(new StepListener() {
      @Override
      public void appendRefused(String executionArn, String signalId) {
        refused.incrementAndGet();
      }

      @Override
      public void replayed(String executionArn, int entries) {
        replayed.incrementAndGet();
      }

      @Override
      public void caughtUp(String executionArn, int entries) {
        caughtUpEntries.addAndGet(entries);
      }
    });
    return runtime;
  }

  private String start(ExecutionRuntime runtime, String definition, String input) {
    store.putStateMachine(new StateMachineRecord(SM, "Fan", "STANDARD", definition, "arn:aws:iam::123456789012:role/r", 0));
    return runtime.commands().startExecution(SM, "one", input).executionArn();
  }

  @Test
  void fourThreadsOfOneRuntimeStepAMapOfFiftyWithoutARefusedAppendOrASecondReplay() throws Exception {
    ExecutionRuntime runtime = runtime();
    String items = "[" + String.join(",", java.util.Collections.nCopies(50, "1")) + "]";
    String arn = start(runtime, MAP, "{\"items\":" + items + "}");

    while (true) {
      List<QueueMessage> batch = queue.receive(10, Duration.ofMinutes(1));
      if (batch.isEmpty()) {
        if (queue.nextVisibleAt().isEmpty()) {
          break;
        }
        clock.advanceTo(queue.nextVisibleAt().get());
        continue;
      }
      List<Future<?>> running = new ArrayList<>();
      for (QueueMessage m : batch) {
        running.add(threads.submit(() -> {
          if (runtime.stateAdvance().handle(m.body(), m.receiptHandle(), m.receiveCount())) {
            queue.delete(m.receiptHandle());
          }
        }));
      }
      for (Future<?> f : running) {
        f.get();
      }
    }

    ExecutionRecord head = store.execution(arn).orElseThrow();
    assertThat(head.status()).isEqualTo("SUCCEEDED");
    assertThat(head.outputText()).isEqualTo(items);
    assertThat(refused).hasValue(0);
    assertThat(replayed).hasValue(0); // the start's step finds entry 1 written and keeps the execution
  }

  @Test
  void aRuntimeThatAnotherOvertookReadsOnlyTheEntriesItMissed() {
    List<ExecutionRuntime> runtimes = List.of(runtime(), runtime());
    String arn = start(runtimes.get(0), CHAIN, "{}");

    int turn = 0;
    while (true) {
      List<QueueMessage> batch = queue.receive(10, Duration.ofMinutes(1));
      if (batch.isEmpty()) {
        if (queue.nextVisibleAt().isEmpty()) {
          break;
        }
        clock.advanceTo(queue.nextVisibleAt().get());
        continue;
      }
      // the runtimes take turns, as consumers in two processes do on a queue grouped by execution
      StateAdvance.Receive receive = runtimes.get(turn++ % 2).stateAdvance().receive();
      for (QueueMessage m : batch) {
        if (receive.handle(m.body(), m.receiptHandle(), m.receiveCount(), null)) {
          queue.delete(m.receiptHandle());
        }
      }
    }

    assertThat(store.execution(arn).orElseThrow().status()).isEqualTo("SUCCEEDED");
    assertThat(store.signals(arn)).hasSize(5);
    assertThat(refused).hasValue(0);
    // the second runtime's first sight of the execution (the first keeps it from the start's step)
    assertThat(replayed).hasValue(1);
    // then each turn reads the one entry the other runtime appended in its turn
    assertThat(caughtUpEntries).hasValue(3);
  }
}
