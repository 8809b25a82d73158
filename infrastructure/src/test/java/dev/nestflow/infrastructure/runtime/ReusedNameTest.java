package dev.nestflow.infrastructure.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
 * A name started again after its execution expired: the new execution's tokens differ from the
 * earlier one's, and what the earlier one left (its token, its unclaimed activity task) answers or
 * reaches nothing of the new one.
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
  void whatTheEarlierExecutionLeftReachesNothingOfTheNewOne() {
    runtime.commands().store().putStateMachine(new StateMachineRecord(MACHINE, "Review", "STANDARD",
        "{\"StartAt\":\"Both\",\"States\":{\"Both\":{\"Type\":\"Parallel\",\"End\":true,\"Branches\":["
            + "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Task\",\"Resource\":\"" + ACTIVITY + "\",\"End\":true}}},"
            + "{\"StartAt\":\"B\",\"States\":{\"B\":{\"Type\":\"Task\",\"Resource\":\"" + ACTIVITY + "\",\"End\":true}}}]}}}",
        "arn:aws:iam::123456789012:role/r", 0));
    runtime.commands().activities().createActivity(ACTIVITY);
    String arn = runtime.commands().startExecution(MACHINE, "reused", "{\"n\":1}").executionArn();
    drain();
    // one of its two tasks taken by a worker, the other left queued, unclaimed, past the expiry
    String earlierToken = runtime.commands().activities().getActivityTask(ACTIVITY, "w").orElseThrow().taskToken();
    runtime.commands().stopExecution(arn, "Stopped", "by the test");
    drain();
    assertThat(runtime.commands().describe(arn).orElseThrow().status()).isEqualTo("ABORTED");

    clock.advance(Duration.ofDays(2));
    assertThat(runtime.commands().describe(arn)).isEmpty();
    runtime.commands().startExecution(MACHINE, "reused", "{\"n\":2}");
    drain();

    assertThatThrownBy(() -> runtime.commands().sendTaskSuccess(earlierToken, "{\"by\":\"the earlier token\"}"))
        .isInstanceOf(ApiException.class).hasMessageContaining("Task Does Not Exist");
    List<String> handedOut = new java.util.ArrayList<>();
    for (int poll = 0; poll < 3; poll++) {
      runtime.commands().activities().getActivityTask(ACTIVITY, "w").ifPresent(t -> handedOut.add(t.taskToken()));
    }
    assertThat(handedOut).hasSize(2).doesNotContain(earlierToken);
    for (String token : handedOut) {
      runtime.commands().sendTaskSuccess(token, "{\"by\":\"the new token\"}");
    }
    drain();
    var result = runtime.commands().describe(arn).orElseThrow();
    assertThat(result.status()).isEqualTo("SUCCEEDED");
    assertThat(result.output()).hasToString("[{\"by\":\"the new token\"},{\"by\":\"the new token\"}]");
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
