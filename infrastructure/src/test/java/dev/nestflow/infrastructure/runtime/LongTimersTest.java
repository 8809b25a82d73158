package dev.nestflow.infrastructure.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nestflow.infrastructure.embedded.VirtualClock;
import dev.nestflow.infrastructure.queue.InMemoryQueue;
import dev.nestflow.infrastructure.queue.MessageQueue;
import dev.nestflow.infrastructure.queue.QueueMessage;
import dev.nestflow.infrastructure.store.InMemoryExecutionStore;
import dev.nestflow.infrastructure.store.StateMachineRecord;
import dev.nestflow.infrastructure.tasks.TaskInvoker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A timer further away than one message's delay waits hidden in the queue, not re-sent every 15 minutes. */
class LongTimersTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final Duration YEAR = Duration.ofDays(365);
  private static final String SM = "arn:aws:states:us-east-1:123456789012:stateMachine:Year";

  private final VirtualClock clock = new VirtualClock(T0);
  private final InMemoryQueue queue = new InMemoryQueue(clock);
  private final InMemoryExecutionStore store = new InMemoryExecutionStore();
  private int sends;
  private final MessageQueue counted = new MessageQueue() {
    @Override
    public void send(String body, Duration delay) {
      sends++;
      queue.send(body, delay);
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
  };
  private final ExecutionRuntime runtime = new ExecutionRuntime(store, counted, TaskInvoker.none(), clock, TaskTokens.randomKey());

  /** Runs the queue to the end; {@code canHide}: the consumer passes receipts, so messages can be kept hidden. */
  private void drain(boolean canHide) {
    QueueToEnd.run(queue, clock,
        m -> canHide ? runtime.stateAdvance().handle(m.body(), m.receiptHandle(), m.receiveCount()) : handleAndSayDone(m));
  }


  private boolean handleAndSayDone(QueueMessage m) {
    runtime.stateAdvance().handle(m.body());
    return true;
  }

  private String startYearLongWait() {
    store.putStateMachine(new StateMachineRecord(SM, "Year", "STANDARD",
        "{\"StartAt\":\"W\",\"States\":{\"W\":{\"Type\":\"Wait\",\"Seconds\":" + YEAR.toSeconds() + ",\"End\":true}}}",
        "arn:aws:iam::123456789012:role/r", 0));
    return runtime.commands().startExecution(SM, "a-year", "{}").executionArn();
  }

  @Test
  void aOneYearWaitCostsAFewHundredMessagesWhenTheConsumerCanKeepThemHidden() {
    String arn = startYearLongWait();

    drain(true);

    assertThat(store.execution(arn).orElseThrow().status()).isEqualTo("SUCCEEDED");
    assertThat(clock.instant()).isEqualTo(T0.plus(YEAR));
    // the start, then one message per 3 × 12 h hidden + 15 min: about 242 a year
    assertThat(sends).isBetween(200, 300);
  }

  @Test
  void aConsumerThatCannotHideMessagesStillEndsTheWaitOnTimeByResendingThem() {
    String arn = startYearLongWait();

    drain(false);

    assertThat(store.execution(arn).orElseThrow().status()).isEqualTo("SUCCEEDED");
    assertThat(clock.instant()).isEqualTo(T0.plus(YEAR));
    assertThat(sends).isGreaterThan(35_000);
  }
}
