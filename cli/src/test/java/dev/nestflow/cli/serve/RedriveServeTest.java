package dev.nestflow.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nestflow.cli.CliRun;
import dev.nestflow.core.json.Json;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionRedriveFilter;
import software.amazon.awssdk.services.sfn.model.ExecutionRedriveStatus;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.GetActivityTaskResponse;

/**
 * RedriveExecution through the official SDK against {@code nestflow serve}: an inline Map whose one
 * iteration failed re-runs only that iteration; and {@code nestflow dlq list} against serve.
 */
class RedriveServeTest {
  static LocalService service;
  static SfnClient sfn;

  @BeforeAll
  static void start() throws Exception {
    service = LocalService.start(LocalService.Options.defaults().withPort(0), message -> {});
    sfn = ServeClient.client(URI.create("http://127.0.0.1:" + service.port()));
  }

  @AfterAll
  static void stop() {
    sfn.close();
    service.close();
  }

  private static GetActivityTaskResponse task(String activity) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    GetActivityTaskResponse t = sfn.getActivityTask(b -> b.activityArn(activity));
    while (t.taskToken() == null && System.nanoTime() < deadline) {
      t = sfn.getActivityTask(b -> b.activityArn(activity));
    }
    return t;
  }

  @Test
  void aRedrivenInlineMapRunsOnlyItsFailedIterationAgain() {
    String activity = sfn.createActivity(b -> b.name("redrive-items")).activityArn();
    String machine = sfn.createStateMachine(b -> b.name("RedriveMap").roleArn(ServeClient.ROLE).definition(
        "{\"StartAt\":\"Each\",\"States\":{\"Each\":{\"Type\":\"Map\",\"End\":true,\"ItemProcessor\":{"
            + "\"ProcessorConfig\":{\"Mode\":\"INLINE\"},\"StartAt\":\"Work\",\"States\":{\"Work\":{\"Type\":\"Task\","
            + "\"Resource\":\"" + activity + "\",\"End\":true}}}}}}")).stateMachineArn();
    String arn = sfn.startExecution(b -> b.stateMachineArn(machine).input("[1,2]")).executionArn();
    GetActivityTaskResponse first = task(activity);
    GetActivityTaskResponse second = task(activity);
    GetActivityTaskResponse one = Json.parse(first.input()).asInt() == 1 ? first : second;
    GetActivityTaskResponse two = one == first ? second : first;
    sfn.sendTaskSuccess(b -> b.taskToken(one.taskToken()).output("\"one\""));
    sfn.sendTaskFailure(b -> b.taskToken(two.taskToken()).error("Flaky"));
    DescribeExecutionResponse failed = ServeClient.awaitEnd(sfn, arn);
    assertThat(failed.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(failed.redriveStatus()).isEqualTo(ExecutionRedriveStatus.REDRIVABLE);

    sfn.redriveExecution(b -> b.executionArn(arn));
    GetActivityTaskResponse again = task(activity);
    assertThat(Json.parse(again.input()).asInt()).isEqualTo(2);
    sfn.sendTaskSuccess(b -> b.taskToken(again.taskToken()).output("\"two\""));
    DescribeExecutionResponse done = ServeClient.awaitEnd(sfn, arn);
    assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(Json.parse(done.output())).isEqualTo(Json.parse("[\"one\",\"two\"]"));
    assertThat(done.redriveCount()).isEqualTo(1);
    assertThat(sfn.listExecutions(b -> b.stateMachineArn(machine).redriveFilter(ExecutionRedriveFilter.REDRIVEN))
        .executions()).hasSize(1);
    List<String> types = sfn.getExecutionHistory(b -> b.executionArn(arn).maxResults(1000)).events().stream()
        .map(e -> e.typeAsString()).toList();
    assertThat(types.stream().filter("MapIterationStarted"::equals)).hasSize(2);
    assertThat(types).containsSubsequence("ExecutionFailed", "ExecutionRedriven", "ActivityScheduled",
        "MapIterationSucceeded", "MapStateSucceeded", "ExecutionSucceeded");
  }

  @Test
  void dlqListAgainstServeShowsAnEmptyQueue() {
    CliRun run = CliRun.of("dlq", "list", "--endpoint", "http://127.0.0.1:" + service.port());
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).isEmpty();
    CliRun redrive = CliRun.of("dlq", "redrive", "--endpoint", "http://127.0.0.1:" + service.port());
    assertThat(redrive.out()).contains("moved 0 message(s)");
  }
}
