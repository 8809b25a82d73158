package dev.nestflow.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;

/** {@code serve --time virtual}: Waits and retry delays complete at once; the history keeps their times. */
class VirtualTimeServeTest {
  static final String ROLE = "arn:aws:iam::123456789012:role/r";

  static DescribeExecutionResponse awaitEnd(SfnClient sfn, String arn, Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (true) {
      DescribeExecutionResponse d = sfn.describeExecution(b -> b.executionArn(arn));
      if (d.status() != ExecutionStatus.RUNNING || System.nanoTime() > deadline) {
        return d;
      }
      Thread.sleep(20);
    }
  }

  @Test
  void aWaitOfThirtyDaysAndRetryDelaysEndAtOnceWithTheirTimesInTheHistory() throws Exception {
    try (LocalService service = LocalService.start(LocalService.Options.defaults().withPort(0),
            new TestingOptions(null, true), message -> {});
        SfnClient sfn = ServeClient.client(URI.create("http://127.0.0.1:" + service.port()))) {
      String machine = sfn.createStateMachine(b -> b.name("Month").roleArn(ROLE).definition("""
          {"StartAt": "Sleep", "States": {
            "Sleep": {"Type": "Wait", "Seconds": 2592000, "Next": "Flaky"},
            "Flaky": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
              "Parameters": {"FunctionName": "nowhere"},
              "Retry": [{"ErrorEquals": ["States.ALL"], "IntervalSeconds": 60, "MaxAttempts": 2, "BackoffRate": 10}],
              "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Done"}], "End": true},
            "Done": {"Type": "Pass", "End": true}}}""")).stateMachineArn();
      long started = System.nanoTime();
      String execution = sfn.startExecution(b -> b.stateMachineArn(machine).name("one")).executionArn();
      DescribeExecutionResponse d = awaitEnd(sfn, execution, Duration.ofSeconds(30));
      assertThat(d.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
      List<HistoryEvent> events = sfn.getExecutionHistory(b -> b.executionArn(execution)).events();
      Instant waited = at(events, HistoryEventType.WAIT_STATE_ENTERED, 0);
      Instant woke = at(events, HistoryEventType.WAIT_STATE_EXITED, 0);
      assertThat(Duration.between(waited, woke)).isBetween(Duration.ofDays(30), Duration.ofDays(30).plusSeconds(5));
      Instant first = at(events, HistoryEventType.TASK_SCHEDULED, 0);
      Instant third = at(events, HistoryEventType.TASK_SCHEDULED, 2);
      assertThat(Duration.between(first, third)).isBetween(Duration.ofSeconds(660), Duration.ofSeconds(665));
    }
  }

  private static Instant at(List<HistoryEvent> events, HistoryEventType type, int nth) {
    return events.stream().filter(e -> e.type() == type).skip(nth).findFirst().orElseThrow().timestamp();
  }
}
