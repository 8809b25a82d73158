package dev.nestflow.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * More endlessly recursing JSONata executions than {@code serve} has workers: each fails its state
 * with States.QueryEvaluationError within the evaluation's time bound, and an unrelated execution
 * started behind them still finishes.
 */
class RunawayExpressionTest {
  private static final String LOOP = "{\"QueryLanguage\":\"JSONata\",\"StartAt\":\"Loop\",\"States\":{\"Loop\":{\"Type\":\"Pass\","
      + "\"Output\":\"{% ($f := function($n){ $f($n + 1) }; $f(0)) %}\",\"End\":true}}}";

  @Test
  void endlessRecursionsFailTheirStateAndLeaveTheWorkersToOtherExecutions() throws Exception {
    LocalService.Options options = LocalService.Options.defaults().withPort(0);
    try (LocalService service = LocalService.start(options, message -> {});
        SfnClient sfn = ServeClient.client(URI.create("http://127.0.0.1:" + service.port()))) {
      String loop = sfn.createStateMachine(b -> b.name("Loop").definition(LOOP).roleArn(ServeClient.ROLE)).stateMachineArn();
      String pass = sfn.createStateMachine(b -> b.name("Quick").definition(ServeClient.PASS)
          .roleArn(ServeClient.ROLE)).stateMachineArn();
      List<String> loops = new ArrayList<>();
      for (int i = 0; i < 2 * options.workers(); i++) {
        loops.add(sfn.startExecution(b -> b.stateMachineArn(loop)).executionArn());
      }
      String quick = sfn.startExecution(b -> b.stateMachineArn(pass)).executionArn();

      assertThat(awaitEnd(sfn, quick).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      for (String arn : loops) {
        DescribeExecutionResponse d = awaitEnd(sfn, arn);
        assertThat(d.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(d.error()).isEqualTo("States.QueryEvaluationError");
      }
    }
  }

  private static DescribeExecutionResponse awaitEnd(SfnClient sfn, String arn) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    DescribeExecutionResponse d = sfn.describeExecution(b -> b.executionArn(arn));
    while (d.status() == ExecutionStatus.RUNNING && System.nanoTime() < deadline) {
      Thread.sleep(20);
      d = sfn.describeExecution(b -> b.executionArn(arn));
    }
    return d;
  }
}
