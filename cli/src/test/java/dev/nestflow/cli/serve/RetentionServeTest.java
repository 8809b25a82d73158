package dev.nestflow.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nestflow.infrastructure.store.Retention;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;

/**
 * {@code serve --retention-days}: an execution is gone the retention after it ends, and its name can
 * be started again (on virtual time, where a Wait of three days moves the clock three days on).
 */
class RetentionServeTest {
  @Test
  void aClosedExecutionIsGoneTheRetentionAfterItEndsAndItsNameRunsAgain() throws Exception {
    try (LocalService service = LocalService.start(
            LocalService.Options.defaults().withPort(0).withRetention(Retention.days(1)), new TestingOptions(null, true), m -> {});
        SfnClient sfn = ServeClient.client(URI.create("http://127.0.0.1:" + service.port()))) {
      String quick = sfn.createStateMachine(b -> b.name("Quick").roleArn(VirtualTimeServeTest.ROLE)
          .definition("{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"End\":true}}}")).stateMachineArn();
      String sleeper = sfn.createStateMachine(b -> b.name("Sleeper").roleArn(VirtualTimeServeTest.ROLE)
          .definition("{\"StartAt\":\"W\",\"States\":{\"W\":{\"Type\":\"Wait\",\"Seconds\":259200,\"End\":true}}}"))
          .stateMachineArn();
      String first = sfn.startExecution(b -> b.stateMachineArn(quick).name("again").input("{\"run\":1}")).executionArn();
      assertThat(VirtualTimeServeTest.awaitEnd(sfn, first, Duration.ofSeconds(30)).status()).isEqualTo(ExecutionStatus.SUCCEEDED);

      String slept = sfn.startExecution(b -> b.stateMachineArn(sleeper).name("three-days")).executionArn();
      assertThat(VirtualTimeServeTest.awaitEnd(sfn, slept, Duration.ofSeconds(30)).status()).isEqualTo(ExecutionStatus.SUCCEEDED);

      assertThatThrownBy(() -> sfn.describeExecution(b -> b.executionArn(first))).isInstanceOf(ExecutionDoesNotExistException.class);
      assertThat(sfn.listExecutions(b -> b.stateMachineArn(quick)).executions()).isEmpty();
      String second = sfn.startExecution(b -> b.stateMachineArn(quick).name("again").input("{\"run\":2}")).executionArn();
      assertThat(second).isEqualTo(first);
      var again = VirtualTimeServeTest.awaitEnd(sfn, second, Duration.ofSeconds(30));
      assertThat(again.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(again.output()).isEqualTo("{\"run\":2}");
      assertThat(sfn.getExecutionHistory(b -> b.executionArn(second)).events()).extracting(e -> e.type())
          .containsExactly(HistoryEventType.EXECUTION_STARTED, HistoryEventType.PASS_STATE_ENTERED,
              HistoryEventType.PASS_STATE_EXITED, HistoryEventType.EXECUTION_SUCCEEDED);
      assertThat(sfn.describeExecution(b -> b.executionArn(slept)).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    }
  }
}
