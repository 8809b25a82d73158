package dev.nestflow.infrastructure.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nestflow.core.json.Json;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.ExecutionNotRedrivableException;
import software.amazon.awssdk.services.sfn.model.ExecutionRedriveFilter;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.ExecutionRedriveStatus;
import software.amazon.awssdk.services.sfn.model.GetActivityTaskResponse;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

/** RedriveExecution and the redrive fields, through the official SDK against the in-process API server. */
class RedriveExecutionTest {
  static ApiServer service;
  static SfnClient sfn;

  @BeforeAll
  static void start() throws Exception {
    service = ApiServer.start();
    sfn = SfnClientIntegrationTest.client(URI.create("http://127.0.0.1:" + service.port()));
  }

  @AfterAll
  static void stop() {
    sfn.close();
    service.close();
  }

  private static String create(String name, String definition) {
    return sfn.createStateMachine(b -> b.name(name).definition(definition).roleArn(SfnClientIntegrationTest.ROLE))
        .stateMachineArn();
  }

  private static DescribeExecutionResponse describe(String arn) {
    return sfn.describeExecution(b -> b.executionArn(arn));
  }

  private static DescribeExecutionResponse awaitEnd(String arn) {
    return SfnClientIntegrationTest.await(() -> describe(arn), d -> d.status() != ExecutionStatus.RUNNING);
  }

  private static GetActivityTaskResponse task(String activity) {
    return SfnClientIntegrationTest.await(() -> sfn.getActivityTask(b -> b.activityArn(activity)),
        t -> t.taskToken() != null);
  }

  /** A Pass state, then an activity task: the worker decides how the execution goes. */
  private static String[] passThenActivity(String name) {
    String activity = sfn.createActivity(b -> b.name(name + "-work")).activityArn();
    String machine = create(name, "{\"StartAt\":\"Prepare\",\"States\":{"
        + "\"Prepare\":{\"Type\":\"Pass\",\"Result\":{\"n\":1},\"Next\":\"Work\"},"
        + "\"Work\":{\"Type\":\"Task\",\"Resource\":\"" + activity + "\",\"End\":true}}}");
    return new String[] {machine, activity};
  }

  private static List<String> types(String arn) {
    return sfn.getExecutionHistory(b -> b.executionArn(arn).maxResults(1000)).events().stream()
        .map(HistoryEvent::typeAsString).toList();
  }

  @Test
  void aFailedExecutionIsRedrivenFromItsFailedStateAndSucceeds() {
    String[] made = passThenActivity("RedriveFailed");
    String arn = sfn.startExecution(b -> b.stateMachineArn(made[0])).executionArn();
    sfn.sendTaskFailure(b -> b.taskToken(task(made[1]).taskToken()).error("Broken").cause("first try"));
    DescribeExecutionResponse failed = awaitEnd(arn);
    assertThat(failed.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(failed.redriveStatus()).isEqualTo(ExecutionRedriveStatus.REDRIVABLE);
    assertThat(failed.redriveStatusReason()).isNull();
    assertThat(failed.redriveCount()).isZero();
    assertThat(failed.redriveDate()).isNull();

    Instant redriveDate = sfn.redriveExecution(b -> b.executionArn(arn).clientToken("token-1")).redriveDate();
    DescribeExecutionResponse running = describe(arn);
    assertThat(running.status()).isEqualTo(ExecutionStatus.RUNNING);
    assertThat(running.redriveCount()).isEqualTo(1);
    assertThat(running.redriveDate()).isEqualTo(redriveDate);
    assertThat(running.stopDate()).isNull();
    assertThat(running.error()).isNull();
    assertThat(running.redriveStatus()).isEqualTo(ExecutionRedriveStatus.NOT_REDRIVABLE);
    assertThat(running.redriveStatusReason()).isEqualTo("Execution is RUNNING and cannot be redriven");

    GetActivityTaskResponse again = task(made[1]);
    sfn.sendTaskSuccess(b -> b.taskToken(again.taskToken()).output("{\"done\":true}"));
    DescribeExecutionResponse done = awaitEnd(arn);
    assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(Json.parse(done.output())).isEqualTo(Json.parse("{\"done\":true}"));
    assertThat(done.redriveCount()).isEqualTo(1);
    assertThat(done.redriveStatusReason()).isEqualTo("Execution is SUCCEEDED and cannot be redriven");

    List<String> types = types(arn);
    assertThat(types).containsSubsequence("PassStateExited", "ActivityFailed", "ExecutionFailed", "ExecutionRedriven",
        "ActivityScheduled", "ActivitySucceeded", "TaskStateExited", "ExecutionSucceeded");
    assertThat(types.stream().filter("PassStateEntered"::equals)).hasSize(1);
    HistoryEvent redriven = sfn.getExecutionHistory(b -> b.executionArn(arn)).events().stream()
        .filter(e -> "ExecutionRedriven".equals(e.typeAsString())).findFirst().orElseThrow();
    assertThat(redriven.executionRedrivenEventDetails().redriveCount()).isEqualTo(1);
  }

  @Test
  void theSameClientTokenGetsTheSameRedriveAndAnotherRedriveOfARunningExecutionIsRefused() {
    String[] made = passThenActivity("RedriveTwice");
    String arn = sfn.startExecution(b -> b.stateMachineArn(made[0])).executionArn();
    sfn.sendTaskFailure(b -> b.taskToken(task(made[1]).taskToken()).error("Broken"));
    awaitEnd(arn);

    Instant first = sfn.redriveExecution(b -> b.executionArn(arn).clientToken("same")).redriveDate();
    Instant retried = sfn.redriveExecution(b -> b.executionArn(arn).clientToken("same")).redriveDate();
    assertThat(retried).isEqualTo(first);
    assertThatThrownBy(() -> sfn.redriveExecution(b -> b.executionArn(arn).clientToken("other")))
        .isInstanceOf(ExecutionNotRedrivableException.class)
        .hasMessageContaining("Execution is RUNNING and cannot be redriven");
    assertThat(describe(arn).redriveCount()).isEqualTo(1);
  }

  @Test
  void ofConcurrentRedrivesExactlyOneWins() throws Exception {
    String[] made = passThenActivity("RedriveRace");
    String arn = sfn.startExecution(b -> b.stateMachineArn(made[0])).executionArn();
    sfn.sendTaskFailure(b -> b.taskToken(task(made[1]).taskToken()).error("Broken"));
    awaitEnd(arn);

    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> calls = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        String token = "racer-" + i;
        Callable<Boolean> redrive = () -> {
          try {
            sfn.redriveExecution(b -> b.executionArn(arn).clientToken(token));
            return true;
          } catch (ExecutionNotRedrivableException lost) {
            return false;
          }
        };
        calls.add(pool.submit(redrive));
      }
      int won = 0;
      for (Future<Boolean> f : calls) {
        won += f.get() ? 1 : 0;
      }
      assertThat(won).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
    assertThat(describe(arn).redriveCount()).isEqualTo(1);
    assertThat(types(arn).stream().filter("ExecutionRedriven"::equals)).hasSize(1);
  }

  @Test
  void anAbortedExecutionIsRedrivableAndRunsItsTaskAgain() {
    String[] made = passThenActivity("RedriveAborted");
    String arn = sfn.startExecution(b -> b.stateMachineArn(made[0])).executionArn();
    task(made[1]);
    sfn.stopExecution(b -> b.executionArn(arn).error("Halt"));
    assertThat(awaitEnd(arn).redriveStatus()).isEqualTo(ExecutionRedriveStatus.REDRIVABLE);

    sfn.redriveExecution(b -> b.executionArn(arn));
    sfn.sendTaskSuccess(b -> b.taskToken(task(made[1]).taskToken()).output("1"));
    assertThat(awaitEnd(arn).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
  }

  @Test
  void succeededAndUnknownExecutionsCannotBeRedriven() {
    String machine = create("RedriveSucceeded", SfnClientIntegrationTest.PASS);
    String arn = sfn.startExecution(b -> b.stateMachineArn(machine)).executionArn();
    DescribeExecutionResponse done = awaitEnd(arn);
    assertThat(done.redriveStatus()).isEqualTo(ExecutionRedriveStatus.NOT_REDRIVABLE);
    assertThat(done.redriveStatusReason()).isEqualTo("Execution is SUCCEEDED and cannot be redriven");

    assertThatThrownBy(() -> sfn.redriveExecution(b -> b.executionArn(arn)))
        .isInstanceOf(ExecutionNotRedrivableException.class)
        .hasMessageContaining("Execution is SUCCEEDED and cannot be redriven");
    String unknown = arn.replace(":" + done.name(), ":nobody");
    assertThatThrownBy(() -> sfn.redriveExecution(b -> b.executionArn(unknown)))
        .isInstanceOf(ExecutionDoesNotExistException.class)
        .hasMessageContaining("Execution Does Not Exist: '" + unknown + "'");
  }

  @Test
  void listExecutionsFiltersOnWhetherAnExecutionWasRedriven() {
    String[] made = passThenActivity("RedriveList");
    String redriven = sfn.startExecution(b -> b.stateMachineArn(made[0]).name("redriven")).executionArn();
    sfn.sendTaskFailure(b -> b.taskToken(task(made[1]).taskToken()).error("Broken"));
    awaitEnd(redriven);
    Instant date = sfn.redriveExecution(b -> b.executionArn(redriven)).redriveDate();
    String never = sfn.startExecution(b -> b.stateMachineArn(made[0]).name("never")).executionArn();

    List<ExecutionListItem> onlyRedriven =
        sfn.listExecutions(b -> b.stateMachineArn(made[0]).redriveFilter(ExecutionRedriveFilter.REDRIVEN)).executions();
    assertThat(onlyRedriven).extracting(ExecutionListItem::executionArn).containsExactly(redriven);
    assertThat(onlyRedriven.get(0).redriveCount()).isEqualTo(1);
    assertThat(onlyRedriven.get(0).redriveDate()).isEqualTo(date);
    List<ExecutionListItem> notRedriven =
        sfn.listExecutions(b -> b.stateMachineArn(made[0]).redriveFilter(ExecutionRedriveFilter.NOT_REDRIVEN)).executions();
    assertThat(notRedriven).extracting(ExecutionListItem::executionArn).containsExactly(never);
    assertThat(notRedriven.get(0).redriveCount()).isZero();
    assertThat(notRedriven.get(0).redriveDate()).isNull();
  }
}
