package dev.nestflow.infrastructure.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nestflow.core.interpreter.ExecutionResult;
import dev.nestflow.core.json.Json;
import dev.nestflow.infrastructure.embedded.EmbeddedRuntime;
import dev.nestflow.infrastructure.store.StateMachineRecord;
import dev.nestflow.infrastructure.tasks.TaskInvoker;
import dev.nestflow.infrastructure.tasks.TaskOutcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExecutionRuntimeTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final String ACCOUNT = "arn:aws:states:us-east-1:123456789012:stateMachine:";
  private static final String ROLE = "arn:aws:iam::123456789012:role/r";

  private final List<String> callbackTokens = new ArrayList<>();
  private final TaskInvoker tasks = request -> {
    if (request.token() != null) {
      callbackTokens.add(request.token());
      return new TaskOutcome.Pending(Json.parse("{\"MessageId\":\"m-1\"}"));
    }
    return new TaskOutcome.Succeeded(request.input());
  };
  private final EmbeddedRuntime cluster = new EmbeddedRuntime(T0, tasks);

  private String machine(String name, String definition) {
    String arn = ACCOUNT + name;
    cluster.store().putStateMachine(new StateMachineRecord(arn, name, "STANDARD", definition, ROLE, 0));
    return arn;
  }

  private ExecutionResult result(String arn) {
    return cluster.runtime().commands().describe(arn).orElseThrow();
  }

  private void drain() {
    cluster.runUntilIdle(T0.plusSeconds(365L * 24 * 3600));
  }

  @Test
  void passChainRunsThroughTheQueueToSuccess() {
    String sm = machine("Chain", "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"Result\":1,\"ResultPath\":\"$.a\",\"Next\":\"W\"},"
        + "\"W\":{\"Type\":\"Wait\",\"Seconds\":3600,\"Next\":\"B\"},\"B\":{\"Type\":\"Pass\",\"End\":true}}}");
    String arn = cluster.runtime().commands().startExecution(sm, "run-1", "{\"x\":0}").executionArn();
    drain();

    ExecutionResult r = result(arn);
    assertThat(r.status()).isEqualTo("SUCCEEDED");
    assertThat(r.output()).isEqualTo(Json.parse("{\"x\":0,\"a\":1}"));
    assertThat(cluster.clock().instant()).isEqualTo(T0.plusSeconds(3600));
  }

  @Test
  void sync2ChildResultIsTheChildDescriptionWithParsedInputAndOutput() {
    String child = machine("Child", "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"Result\":{\"total\":12.5},\"End\":true}}}");
    String parent = machine("Parent", "{\"StartAt\":\"Run\",\"States\":{\"Run\":{\"Type\":\"Task\","
        + "\"Resource\":\"arn:aws:states:::states:startExecution.sync:2\",\"Parameters\":{\"StateMachineArn\":\"" + child
        + "\",\"Input\":{\"orderId\":7,\"AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID.$\":\"$$.Execution.Id\"}},\"End\":true}}}");
    String arn = cluster.runtime().commands().startExecution(parent, "p-1", "{}").executionArn();
    drain();

    ExecutionResult r = result(arn);
    assertThat(r.status()).isEqualTo("SUCCEEDED");
    assertThat(r.output().get("Status").asText()).isEqualTo("SUCCEEDED");
    assertThat(r.output().get("Output")).isEqualTo(Json.parse("{\"total\":12.5}"));
    assertThat(r.output().get("Input").get("AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID").asText()).isEqualTo(arn);
    assertThat(Runs.types(r)).containsExactly("ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted",
        "TaskSubmitted", "TaskSucceeded", "TaskStateExited", "ExecutionSucceeded");
    String childArn = r.output().get("ExecutionArn").asText();
    assertThat(cluster.store().execution(childArn).orElseThrow().parentArn()).isEqualTo(arn);
  }

  @Test
  void failedSyncChildFailsTheParentTaskWithStatesTaskFailedAndTheDescriptionAsCause() {
    String child = machine("Failing", "{\"StartAt\":\"F\",\"States\":{\"F\":{\"Type\":\"Fail\",\"Error\":\"PaymentError\",\"Cause\":\"card declined\"}}}");
    String parent = machine("Payer", "{\"StartAt\":\"Run\",\"States\":{\"Run\":{\"Type\":\"Task\","
        + "\"Resource\":\"arn:aws:states:::states:startExecution.sync\",\"Parameters\":{\"StateMachineArn\":\"" + child + "\"},"
        + "\"Catch\":[{\"ErrorEquals\":[\"PaymentError\"],\"Next\":\"Never\"}],\"End\":true},\"Never\":{\"Type\":\"Succeed\"}}}");
    String arn = cluster.runtime().commands().startExecution(parent, "p-2", "{}").executionArn();
    drain();

    ExecutionResult r = result(arn);
    assertThat(r.status()).isEqualTo("FAILED");
    assertThat(r.error()).isEqualTo("States.TaskFailed");
    JsonNode cause = Json.parse(r.cause());
    assertThat(cause.get("Error").asText()).isEqualTo("PaymentError");
    assertThat(cause.get("Cause").asText()).isEqualTo("card declined");
    assertThat(cause.get("Input").asText()).isEqualTo("{}");
    assertThat(cause.has("Output")).isFalse();
  }

  @Test
  void aSecondDifferentAnswerBeforeTheFirstIsAppliedIsRefusedButARetryOfTheFirstIsAccepted() {
    String sm = machine("Twice", "{\"StartAt\":\"Ask\",\"States\":{\"Ask\":{\"Type\":\"Task\","
        + "\"Resource\":\"arn:aws:states:::sqs:sendMessage.waitForTaskToken\",\"Parameters\":{\"QueueUrl\":\"q\","
        + "\"MessageBody\":{\"token.$\":\"$$.Task.Token\"}},\"End\":true}}}");
    String arn = cluster.runtime().commands().startExecution(sm, "t-1", "{}").executionArn();
    drain();
    String token = callbackTokens.get(0);

    cluster.runtime().commands().sendTaskSuccess(token, "{\"first\":true}");
    cluster.runtime().commands().sendTaskSuccess(token, "{\"first\": true}");   // the same answer, sent again
    assertThatThrownBy(() -> cluster.runtime().commands().sendTaskFailure(token, "Late", "a second answer"))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("TaskTimedOut"));
    assertThatThrownBy(() -> cluster.runtime().commands().sendTaskSuccess(token, "{\"second\":true}"))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("TaskTimedOut"));
    drain();

    assertThat(result(arn).status()).isEqualTo("SUCCEEDED");
    assertThat(result(arn).output()).isEqualTo(Json.parse("{\"first\":true}"));
  }

  @Test
  void callbackTaskResumesOnSendTaskSuccessAndRejectsASecondAnswer() {
    String sm = machine("Approval", "{\"StartAt\":\"Ask\",\"States\":{\"Ask\":{\"Type\":\"Task\","
        + "\"Resource\":\"arn:aws:states:::sqs:sendMessage.waitForTaskToken\",\"Parameters\":{\"QueueUrl\":\"q\","
        + "\"MessageBody\":{\"token.$\":\"$$.Task.Token\"}},\"End\":true}}}");
    String arn = cluster.runtime().commands().startExecution(sm, "a-1", "{}").executionArn();
    drain();
    assertThat(result(arn).status()).isEqualTo("RUNNING");
    String token = callbackTokens.get(0);

    cluster.runtime().commands().sendTaskSuccess(token, "{\"approved\":true}");
    drain();

    assertThat(result(arn).status()).isEqualTo("SUCCEEDED");
    assertThat(result(arn).output()).isEqualTo(Json.parse("{\"approved\":true}"));
    assertThatThrownBy(() -> cluster.runtime().commands().sendTaskSuccess(token, "{}"))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("TaskTimedOut"));
    assertThatThrownBy(() -> cluster.runtime().commands().sendTaskSuccess("forged", "{}"))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("InvalidToken"));
  }

  @Test
  void sameNameAndInputWhileRunningReturnsTheSameExecutionOtherwiseExecutionAlreadyExists() {
    String sm = machine("Idem", "{\"StartAt\":\"W\",\"States\":{\"W\":{\"Type\":\"Wait\",\"Seconds\":10,\"End\":true}}}");
    ExecutionCommands.Started first = cluster.runtime().commands().startExecution(sm, "same", "{\"a\":1}");
    assertThat(cluster.runtime().commands().startExecution(sm, "same", "{\"a\":1}")).isEqualTo(first);
    assertThatThrownBy(() -> cluster.runtime().commands().startExecution(sm, "same", "{\"a\":2}"))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("ExecutionAlreadyExists"));
    drain();
    assertThatThrownBy(() -> cluster.runtime().commands().startExecution(sm, "same", "{\"a\":1}"))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("ExecutionAlreadyExists"));
  }

  @Test
  void unknownStateMachineInAChildStartFailsTheTaskWithTheStepFunctionsErrorName() {
    String parent = machine("Orphan", "{\"StartAt\":\"Run\",\"States\":{\"Run\":{\"Type\":\"Task\","
        + "\"Resource\":\"arn:aws:states:::states:startExecution\",\"Parameters\":{\"StateMachineArn\":\"" + ACCOUNT + "Nope\"},\"End\":true}}}");
    String arn = cluster.runtime().commands().startExecution(parent, "o-1", "{}").executionArn();
    drain();

    ExecutionResult r = result(arn);
    assertThat(r.error()).isEqualTo("StepFunctions.StateMachineDoesNotExistException");
    assertThat(r.cause()).startsWith("State Machine Does Not Exist: '" + ACCOUNT + "Nope' (Service: AWSStepFunctions; Status Code: 400;");
  }

  @Test
  void redeliveredMessagesChangeNothing() {
    String sm = machine("Twice", "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"End\":true}}}");
    String arn = cluster.runtime().commands().startExecution(sm, "t-1", "{}").executionArn();
    String start = TransitionMessage.start(arn).toJson();
    cluster.runtime().stateAdvance().handle(start);
    cluster.runtime().stateAdvance().handle(start);
    drain();

    assertThat(cluster.store().signals(arn)).hasSize(1);
    assertThat(result(arn).history()).hasSize(4);
  }

  @Test
  @org.junit.jupiter.api.Timeout(10)
  void retriedParallelRunsItsBranchAgainInsteadOfMistakingTheNewAnswerForARedelivery() {
    int[] calls = {0};
    EmbeddedRuntime retrying = new EmbeddedRuntime(T0, request -> ++calls[0] < 3
        ? new TaskOutcome.Failed("Boom", "attempt " + calls[0])
        : new TaskOutcome.Succeeded(Json.parse("\"ok\"")));
    String arn = ACCOUNT + "Retry";
    retrying.store().putStateMachine(new StateMachineRecord(arn, "Retry", "STANDARD",
        "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Parallel\",\"Branches\":[{\"StartAt\":\"T\",\"States\":"
            + "{\"T\":{\"Type\":\"Task\",\"Resource\":\"arn:aws:states:::lambda:invoke\",\"End\":true}}}],"
            + "\"Retry\":[{\"ErrorEquals\":[\"Boom\"],\"MaxAttempts\":3}],\"End\":true}}}", ROLE, 0));
    String execution = retrying.runtime().commands().startExecution(arn, "r-1", "{}").executionArn();
    retrying.runUntilIdle(T0.plusSeconds(3600));

    ExecutionResult r = retrying.runtime().commands().describe(execution).orElseThrow();
    assertThat(r.status()).isEqualTo("SUCCEEDED");
    assertThat(r.output()).isEqualTo(Json.parse("[\"ok\"]"));
    assertThat(calls[0]).isEqualTo(3);
  }

  @Test
  void answersInsideADistributedMapAreRecordedThoughTheyWriteNoTopLevelEvent() {
    String sm = machine("Fan", "{\"StartAt\":\"M\",\"States\":{\"M\":{\"Type\":\"Map\",\"ItemProcessor\":{"
        + "\"ProcessorConfig\":{\"Mode\":\"DISTRIBUTED\",\"ExecutionType\":\"STANDARD\"},\"StartAt\":\"T\",\"States\":"
        + "{\"T\":{\"Type\":\"Task\",\"Resource\":\"arn:aws:states:::lambda:invoke\",\"End\":true}}},\"End\":true}}}");
    String arn = cluster.runtime().commands().startExecution(sm, "f-1", "[1,2,3]").executionArn();
    drain();

    ExecutionResult r = result(arn);
    assertThat(r.status()).isEqualTo("SUCCEEDED");
    assertThat(r.output()).isEqualTo(Json.parse("[1,2,3]"));
  }

  @Test
  void completeTaskAnswersATaskItsInvokerHandedOverAndIsIgnoredAfterATimeout() {
    List<String> keys = new ArrayList<>();
    EmbeddedRuntime slow = new EmbeddedRuntime(T0, request -> {
      keys.add(request.taskKey());
      return new TaskOutcome.Pending();
    });
    String arn = ACCOUNT + "Slow";
    slow.store().putStateMachine(new StateMachineRecord(arn, "Slow", "STANDARD",
        "{\"StartAt\":\"T\",\"States\":{\"T\":{\"Type\":\"Task\",\"Resource\":\"arn:aws:states:::lambda:invoke\","
            + "\"TimeoutSeconds\":5,\"End\":true}}}", ROLE, 0));
    String first = slow.runtime().commands().startExecution(arn, "s-1", "{}").executionArn();
    slow.runUntilIdle(T0);
    slow.runtime().commands().completeTask(first, keys.get(0), new TaskOutcome.Succeeded(Json.parse("{\"v\":1}")));
    String second = slow.runtime().commands().startExecution(arn, "s-2", "{}").executionArn();
    slow.runUntilIdle(T0.plusSeconds(60));
    slow.runtime().commands().completeTask(second, keys.get(1), new TaskOutcome.Succeeded(Json.parse("{\"v\":2}")));
    slow.runUntilIdle(T0.plusSeconds(120));

    assertThat(slow.runtime().commands().describe(first).orElseThrow().output()).isEqualTo(Json.parse("{\"v\":1}"));
    assertThat(slow.runtime().commands().describe(second).orElseThrow().error()).isEqualTo("States.Timeout");
  }

  private static final String SLOW = "{\"StartAt\":\"W\",\"States\":{\"W\":{\"Type\":\"Wait\",\"Seconds\":3600,\"End\":true}}}";

  @Test
  void stoppingTheParentStopsItsSyncChildButNotAFireAndForgetChild() {
    String slow = machine("Slow", SLOW);
    String parent = machine("Stopper", "{\"StartAt\":\"Fire\",\"States\":{\"Fire\":{\"Type\":\"Task\","
        + "\"Resource\":\"arn:aws:states:::states:startExecution\",\"Parameters\":{\"StateMachineArn\":\"" + slow
        + "\",\"Name\":\"free\"},\"Next\":\"Wait\"},\"Wait\":{\"Type\":\"Task\","
        + "\"Resource\":\"arn:aws:states:::states:startExecution.sync:2\",\"Parameters\":{\"StateMachineArn\":\"" + slow
        + "\",\"Name\":\"bound\"},\"End\":true}}}");
    String arn = cluster.runtime().commands().startExecution(parent, "s-1", "{}").executionArn();
    cluster.runUntilIdle(T0.plusSeconds(60));
    String bound = slow.replace(":stateMachine:", ":execution:") + ":bound";
    String free = slow.replace(":stateMachine:", ":execution:") + ":free";
    assertThat(result(bound).status()).isEqualTo("RUNNING");

    cluster.runtime().commands().stopExecution(arn, "Operator.Stop", "no longer needed");
    cluster.runUntilIdle(T0.plusSeconds(120));

    assertThat(result(arn).status()).isEqualTo("ABORTED");
    assertThat(result(bound).status()).isEqualTo("ABORTED");
    assertThat(result(bound).cause()).contains(arn);
    assertThat(result(free).status()).isEqualTo("RUNNING");
  }

  @Test
  void aFailingParallelBranchStopsTheSyncChildOfTheOtherBranch() {
    String slow = machine("Slow2", SLOW);
    String parent = machine("Branches", "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Parallel\",\"End\":true,\"Branches\":["
        + "{\"StartAt\":\"Run\",\"States\":{\"Run\":{\"Type\":\"Task\",\"Resource\":\"arn:aws:states:::states:startExecution.sync\","
        + "\"Parameters\":{\"StateMachineArn\":\"" + slow + "\",\"Name\":\"sibling\"},\"End\":true}}},"
        + "{\"StartAt\":\"Later\",\"States\":{\"Later\":{\"Type\":\"Wait\",\"Seconds\":10,\"Next\":\"Boom\"},"
        + "\"Boom\":{\"Type\":\"Fail\",\"Error\":\"Boom\"}}}]}}}");
    String arn = cluster.runtime().commands().startExecution(parent, "b-1", "{}").executionArn();
    drain();

    String sibling = slow.replace(":stateMachine:", ":execution:") + ":sibling";
    assertThat(result(arn).error()).isEqualTo("Boom");
    assertThat(result(sibling).status()).isEqualTo("ABORTED");
  }
}
