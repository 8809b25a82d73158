package dev.nestflow.infrastructure.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nestflow.infrastructure.queue.InMemoryQueue;
import dev.nestflow.infrastructure.queue.QueueMessage;
import dev.nestflow.infrastructure.store.ExecutionRecord;
import dev.nestflow.infrastructure.store.ForwardingExecutionStore;
import dev.nestflow.infrastructure.store.InMemoryExecutionStore;
import dev.nestflow.infrastructure.store.StateMachineRecord;
import dev.nestflow.infrastructure.tasks.TaskInvoker;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** RedriveExecution's two writes (log entry, then head) and the limits AWS puts on a redrive. */
class RedriveRecoveryTest {
  private static final String SM = "arn:aws:states:us-east-1:123456789012:stateMachine:Fails";
  private static final String FAIL = "{\"StartAt\":\"F\",\"States\":{\"F\":{\"Type\":\"Fail\",\"Error\":\"E\"}}}";

  private final AtomicBoolean crashOnReopen = new AtomicBoolean();
  private final ForwardingExecutionStore store = new ForwardingExecutionStore(new InMemoryExecutionStore()) {
    @Override
    public boolean reopen(ExecutionRecord closed, ExecutionRecord reopened) {
      if (crashOnReopen.getAndSet(false)) {
        throw new IllegalStateException("crash between the redrive's append and its head write");
      }
      return delegate.reopen(closed, reopened);
    }
  };
  private final InMemoryQueue queue = new InMemoryQueue(Clock.systemUTC());
  private final ExecutionRuntime runtime =
      new ExecutionRuntime(store, queue, TaskInvoker.none(), Clock.systemUTC(), TaskTokens.randomKey());

  private void drain() {
    for (var batch = queue.receive(10, Duration.ofSeconds(30)); !batch.isEmpty(); batch = queue.receive(10, Duration.ofSeconds(30))) {
      for (QueueMessage m : batch) {
        runtime.stateAdvance().handle(m.body());
        queue.delete(m.receiptHandle());
      }
    }
  }

  private String failedExecution() {
    store.putStateMachine(new StateMachineRecord(SM, "Fails", "STANDARD", FAIL, "arn:aws:iam::123456789012:role/r", 0));
    String arn = runtime.commands().startExecution(SM, "run", "{}").executionArn();
    drain();
    assertThat(store.execution(arn).orElseThrow().status()).isEqualTo("FAILED");
    return arn;
  }

  @Test
  void aRedriveStoppedBetweenItsTwoWritesIsFinishedByTheNextRequest() {
    String arn = failedExecution();
    crashOnReopen.set(true);
    assertThatThrownBy(() -> runtime.commands().redriveExecution(arn, "tok")).hasMessageContaining("crash");
    assertThat(store.execution(arn).orElseThrow().status()).isEqualTo("FAILED");

    long date = runtime.commands().redriveExecution(arn, "tok-retried");
    drain();
    ExecutionRecord head = store.execution(arn).orElseThrow();
    assertThat(head.redriveCount()).isEqualTo(1);
    assertThat(head.redriveMillis()).isEqualTo(date);
    // the Fail state ran again and failed again; the log holds one redrive
    assertThat(head.status()).isEqualTo("FAILED");
    assertThat(store.signals(arn)).filteredOn(e -> e.signalId().startsWith("redrive:")).hasSize(1);
    assertThat(Runs.types(runtime.commands().describe(arn).orElseThrow()))
        .containsSubsequence("FailStateEntered", "ExecutionFailed", "ExecutionRedriven", "ExecutionFailed");
  }

  @Test
  void aSecondRedriveCountsTwo() {
    String arn = failedExecution();
    runtime.commands().redriveExecution(arn, null);
    drain();
    runtime.commands().redriveExecution(arn, null);
    drain();
    assertThat(store.execution(arn).orElseThrow().redriveCount()).isEqualTo(2);
    assertThat(store.signals(arn)).extracting(e -> e.signalId()).contains("redrive:1", "redrive:2");
  }

  @Test
  void redrivabilityFollowsAwsLimits() {
    long day = Duration.ofDays(1).toMillis();
    ExecutionRecord base = new ExecutionRecord("arn:x", SM, "x", "STANDARD", FAIL, "{}", "r", 0, 1, 0, "RUNNING", null,
        null, null, null, null, null, null);
    assertThat(Redrivability.whyNot(base, day, true)).isEqualTo("Execution is RUNNING and cannot be redriven");
    ExecutionRecord failed = base.advanced(3, "FAILED", day, null, "E", null);
    assertThat(Redrivability.whyNot(failed, 15 * day, true)).isNull();
    assertThat(Redrivability.whyNot(failed, 15 * day + 1, true)).isEqualTo("Execution redrivable period exceeded");
    assertThat(Redrivability.whyNot(failed, 2 * day, false)).isEqualTo("State machine is in DELETING status");
    assertThat(Redrivability.whyNot(base.advanced(3, "TIMED_OUT", 365 * day, null, null, null), 366 * day, true))
        .isEqualTo("Execution has exceeded the max execution time");
    assertThat(Redrivability.whyNot(base.advanced(3, "FAILED", day, null, "States.Runtime",
        dev.nestflow.core.interpreter.Execution.HISTORY_LIMIT_CAUSE), 2 * day, true))
        .isEqualTo("Execution history event limit exceeded");
    assertThat(Redrivability.whyNot(base.advanced(3, "SUCCEEDED", day, "{}", null, null), 2 * day, true))
        .isEqualTo("Execution is SUCCEEDED and cannot be redriven");
  }
}
