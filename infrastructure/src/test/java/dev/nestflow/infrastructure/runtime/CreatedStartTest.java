package dev.nestflow.infrastructure.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nestflow.core.json.Json;
import dev.nestflow.infrastructure.embedded.VirtualClock;
import dev.nestflow.infrastructure.queue.InMemoryQueue;
import dev.nestflow.infrastructure.queue.QueueMessage;
import dev.nestflow.infrastructure.store.ExecutionRecord;
import dev.nestflow.infrastructure.store.ForwardingExecutionStore;
import dev.nestflow.infrastructure.store.InMemoryExecutionStore;
import dev.nestflow.infrastructure.store.SignalEntry;
import dev.nestflow.infrastructure.store.SnapshotRecord;
import dev.nestflow.infrastructure.store.StateMachineRecord;
import dev.nestflow.infrastructure.tasks.InvocationPool;
import dev.nestflow.infrastructure.tasks.TaskDurations;
import dev.nestflow.infrastructure.tasks.TaskOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The start message its creator sends carries the new execution's record, and on a queue that hands
 * an execution's messages to one consumer at a time its first receive is the execution's first step
 * ever: taken without reading the store. Any other delivery reads the log as before.
 */
class CreatedStartTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final String SM = "arn:aws:states:us-east-1:123456789012:stateMachine:Work";
  private static final String TASK_THEN_WAIT = """
      {"StartAt": "T", "States": {
        "T": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:work", "Next": "W"},
        "W": {"Type": "Wait", "Seconds": 1, "Next": "P"},
        "P": {"Type": "Pass", "Result": "done", "End": true}}}""";

  private final VirtualClock clock = new VirtualClock(T0);
  private final InMemoryQueue transitions = new InMemoryQueue(clock);
  private final InMemoryQueue timers = new InMemoryQueue(clock);
  private final Reads store = new Reads(new InMemoryExecutionStore());
  private final AtomicInteger invocations = new AtomicInteger();

  /** Counts the reads of executions (heads, logs, snapshots). */
  private static final class Reads extends ForwardingExecutionStore {
    final AtomicInteger count = new AtomicInteger();

    Reads(InMemoryExecutionStore delegate) {
      super(delegate);
    }

    @Override
    public Optional<ExecutionRecord> execution(String executionArn) {
      count.incrementAndGet();
      return super.execution(executionArn);
    }

    @Override
    public Optional<Opened> open(String executionArn, int maxEntries) {
      count.incrementAndGet();
      return super.open(executionArn, maxEntries);
    }

    @Override
    public List<SignalEntry> signals(String executionArn) {
      count.incrementAndGet();
      return super.signals(executionArn);
    }

    @Override
    public List<SignalEntry> signalsAfter(String executionArn, long afterSeq) {
      count.incrementAndGet();
      return super.signalsAfter(executionArn, afterSeq);
    }

    @Override
    public Optional<SnapshotRecord> latestSnapshot(String executionArn, long atMostSeq) {
      count.incrementAndGet();
      return super.latestSnapshot(executionArn, atMostSeq);
    }
  }

  /** A runtime as a FIFO deployment makes it: grouped transitions, a timers queue beside them. */
  private ExecutionRuntime runtime() {
    return new ExecutionRuntime(store, transitions, timers, transitions, request -> {
      invocations.incrementAndGet();
      return new TaskOutcome.Succeeded(request.input());
    }, TaskDurations.unknown(), InvocationPool.direct(), clock, TaskTokens.randomKey());
  }

  private String start(ExecutionRuntime creator) {
    store.putStateMachine(new StateMachineRecord(SM, "Work", "STANDARD", TASK_THEN_WAIT, "arn:aws:iam::123456789012:role/r", 0));
    return creator.commands().startExecution(SM, "one", "{\"n\":1}").executionArn();
  }

  /** Hands every message to {@code consumer} (timers forwarded when due) until both queues are empty. */
  private void drain(ExecutionRuntime consumer) {
    while (true) {
      List<QueueMessage> due = timers.receive(10, Duration.ofMinutes(6));
      for (QueueMessage m : due) {
        if (consumer.stateAdvance().forward(m.body(), m.receiptHandle(), m.receiveCount())) {
          timers.delete(m.receiptHandle());
        }
      }
      List<QueueMessage> batch = transitions.receive(10, Duration.ofMinutes(6));
      StateAdvance.Receive receive = consumer.stateAdvance().receive();
      for (QueueMessage m : batch) {
        if (receive.handle(m.body(), m.receiptHandle(), m.receiveCount(), null)) {
          transitions.delete(m.receiptHandle());
        }
      }
      if (due.isEmpty() && batch.isEmpty()) {
        Optional<Instant> next = timers.nextVisibleAt().or(transitions::nextVisibleAt);
        if (next.isEmpty()) {
          return;
        }
        clock.advanceTo(next.get());
      }
    }
  }

  @Test
  void theFirstReceiveOfTheStartItsCreatorSentStepsTheExecutionWithoutAnyRead() {
    ExecutionRuntime creator = runtime();
    ExecutionRuntime consumer = runtime(); // another process: it holds nothing of the execution
    String arn = start(creator);
    List<QueueMessage> first = transitions.receive(10, Duration.ofMinutes(6));
    assertThat(first).hasSize(1);
    assertThat(first.get(0).receiveCount()).isEqualTo(1);
    store.count.set(0);

    StateAdvance.Receive receive = consumer.stateAdvance().receive();
    assertThat(receive.handle(first.get(0).body(), first.get(0).receiptHandle(), 1, null)).isTrue();
    transitions.delete(first.get(0).receiptHandle());

    // the start's step ran the task and applied its answer in the same call, reading nothing
    assertThat(store.count).hasValue(0);
    assertThat(invocations).hasValue(1);
    assertThat(store.signals(arn)).hasSize(2);

    drain(consumer);
    ExecutionRecord head = store.execution(arn).orElseThrow();
    assertThat(head.status()).isEqualTo("SUCCEEDED");
    assertThat(head.outputText()).isEqualTo("\"done\"");
    assertThat(invocations).hasValue(1);
  }

  @Test
  void aStartReceivedAgainReadsTheLogAndRunsItsTaskNoSecondTime() {
    ExecutionRuntime creator = runtime();
    String arn = start(creator);
    QueueMessage startMessage = transitions.receive(10, Duration.ofMinutes(6)).get(0);
    StateAdvance.Receive receive = runtime().stateAdvance().receive();
    receive.handle(startMessage.body(), startMessage.receiptHandle(), 1, null);
    assertThat(invocations).hasValue(1);
    store.count.set(0);

    // the same message again (its delete was lost): a second receive, in a third process
    runtime().stateAdvance().receive().handle(startMessage.body(), startMessage.receiptHandle(), 2, null);

    assertThat(store.count.get()).isPositive();
    assertThat(invocations).hasValue(1);
    assertThat(store.signals(arn)).hasSize(2);
  }

  @Test
  void aStartSentForAnExecutionThatExistedCarriesNoRecord() {
    ExecutionRuntime creator = runtime();
    start(creator);
    String created = transitions.receive(10, Duration.ofMinutes(6)).get(0).body();
    creator.commands().startExecution(SM, "one", "{\"n\":1}"); // idempotent: the same running execution

    clock.advance(Duration.ofMinutes(7));
    List<String> bodies = transitions.receive(10, Duration.ofMinutes(6)).stream().map(QueueMessage::body).toList();

    assertThat(Json.parse(created).has("created")).isTrue();
    assertThat(bodies).hasSize(2).allSatisfy(b -> assertThat(b).isNotNull());
    assertThat(bodies.stream().filter(b -> Json.parse(b).has("created"))).hasSize(1);
  }

  @Test
  void aStartReceivedFirstLongAfterItsCreationReadsTheLog() {
    ExecutionRuntime creator = runtime();
    start(creator);
    QueueMessage startMessage = transitions.receive(10, Duration.ofMinutes(6)).get(0);
    clock.advance(StateAdvance.CREATED_START_TRUSTED.plusSeconds(1)); // e.g. replayed from the dead-letter queue
    store.count.set(0);

    runtime().stateAdvance().receive().handle(startMessage.body(), startMessage.receiptHandle(), 1, null);

    assertThat(store.count.get()).isPositive();
    assertThat(invocations).hasValue(1);
  }

  @Test
  void onAQueueWithoutGroupsTheFirstStepReadsTheLog() {
    ExecutionRuntime creator = new ExecutionRuntime(store, transitions, request -> new TaskOutcome.Succeeded(request.input()),
        clock, TaskTokens.randomKey());
    start(creator);
    QueueMessage startMessage = transitions.receive(10, Duration.ofMinutes(6)).get(0);
    ExecutionRuntime consumer = new ExecutionRuntime(store, transitions, request -> new TaskOutcome.Succeeded(request.input()),
        clock, TaskTokens.randomKey());
    store.count.set(0);

    consumer.stateAdvance().receive().handle(startMessage.body(), startMessage.receiptHandle(), 1, null);

    assertThat(store.count.get()).isPositive();
  }
}
