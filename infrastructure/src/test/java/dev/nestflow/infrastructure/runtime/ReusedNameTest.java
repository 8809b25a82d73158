package dev.nestflow.infrastructure.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nestflow.infrastructure.embedded.VirtualClock;
import dev.nestflow.infrastructure.queue.InMemoryQueue;
import dev.nestflow.infrastructure.queue.QueueMessage;
import dev.nestflow.infrastructure.store.InMemoryExecutionStore;
import dev.nestflow.infrastructure.store.Retention;
import dev.nestflow.infrastructure.store.StateMachineRecord;
import dev.nestflow.infrastructure.tasks.TaskInvoker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A name started again after its execution expired: what the earlier execution left in the store
 * (its unclaimed activity tasks, which outlive its head) reaches nothing of the new one.
 */
class ReusedNameTest {
  private static final Instant T0 = Instant.parse("2026-05-01T00:00:00Z");
  private static final String ACTIVITY = "arn:aws:states:us-east-1:123456789012:activity:review";
  private static final String MACHINE = "arn:aws:states:us-east-1:123456789012:stateMachine:Review";
  private final VirtualClock clock = new VirtualClock(T0);
  private final InMemoryQueue queue = new InMemoryQueue(clock);
  private final ExecutionRuntime runtime = new ExecutionRuntime(new InMemoryExecutionStore(clock, Retention.days(1)), queue,
      TaskInvoker.none(), clock, new TaskTokens("reused-name-test-key-0123456789".getBytes()));

  @Test
  void theEarlierExecutionsUnclaimedActivityTasksAreNotHandedOutForTheNewOne() {
    runtime.commands().store().putStateMachine(new StateMachineRecord(MACHINE, "Review", "STANDARD",
        "{\"StartAt\":\"Both\",\"States\":{\"Both\":{\"Type\":\"Parallel\",\"End\":true,\"Branches\":["
            + "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Task\",\"Resource\":\"" + ACTIVITY + "\",\"End\":true}}},"
            + "{\"StartAt\":\"B\",\"States\":{\"B\":{\"Type\":\"Task\",\"Resource\":\"" + ACTIVITY + "\",\"End\":true}}}]}}}",
        "arn:aws:iam::123456789012:role/r", 0));
    runtime.commands().activities().createActivity(ACTIVITY);
    String arn = runtime.commands().startExecution(MACHINE, "reused", "{\"n\":1}").executionArn();
    drain();   // its two tasks stay queued, unclaimed, past its expiry
    runtime.commands().stopExecution(arn, "Stopped", "by the test");
    drain();
    assertThat(runtime.commands().describe(arn).orElseThrow().status()).isEqualTo("ABORTED");

    clock.advance(Duration.ofDays(2));
    assertThat(runtime.commands().describe(arn)).isEmpty();
    runtime.commands().startExecution(MACHINE, "reused", "{\"n\":2}");
    drain();

    List<String> handedOut = new java.util.ArrayList<>();
    for (int poll = 0; poll < 3; poll++) {
      runtime.commands().activities().getActivityTask(ACTIVITY, "w").ifPresent(t -> {
        handedOut.add(t.input());
        runtime.commands().sendTaskSuccess(t.taskToken(), t.input());
      });
    }
    assertThat(handedOut).containsExactly("{\"n\":2}", "{\"n\":2}");
    drain();
    var result = runtime.commands().describe(arn).orElseThrow();
    assertThat(result.status()).isEqualTo("SUCCEEDED");
    assertThat(result.output()).hasToString("[{\"n\":2},{\"n\":2}]");
  }

  private void drain() {
    for (List<QueueMessage> batch = queue.receive(10, Duration.ofSeconds(30)); !batch.isEmpty();
        batch = queue.receive(10, Duration.ofSeconds(30))) {
      for (QueueMessage m : batch) {
        if (runtime.stateAdvance().handle(m.body(), m.receiptHandle(), m.receiveCount())) {
          queue.delete(m.receiptHandle());
        }
      }
    }
  }
}
