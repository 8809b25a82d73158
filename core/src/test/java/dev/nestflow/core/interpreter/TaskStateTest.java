package dev.nestflow.core.interpreter;

import static dev.nestflow.core.interpreter.Runs.LAMBDA_ARN;
import static dev.nestflow.core.interpreter.Runs.LAMBDA_INVOKE;
import static dev.nestflow.core.interpreter.Runs.event;
import static dev.nestflow.core.interpreter.Runs.failure;
import static dev.nestflow.core.interpreter.Runs.run;
import static dev.nestflow.core.interpreter.Runs.single;
import static dev.nestflow.core.interpreter.Runs.types;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.interpreter.Runs.ScriptedTasks;
import dev.nestflow.core.json.Json;
import org.junit.jupiter.api.Test;

class TaskStateTest {

  private static String task(String resource, String extra) {
    return single("{\"Type\": \"Task\", \"Resource\": \"" + resource + "\", " + extra + " \"End\": true}");
  }

  @Test
  void serviceTaskGetsParametersAndItsResultBecomesTheOutput() {
    ScriptedTasks tasks = new ScriptedTasks("{\"r\": 1}");
    ExecutionResult r = run(task(LAMBDA_INVOKE, "\"Parameters\": {\"FunctionName\": \"f\", \"Payload.$\": \"$.p\"},"), "{\"p\": 7}", tasks);
    assertThat(r.status()).isEqualTo("SUCCEEDED");
    assertThat(r.output()).isEqualTo(Json.parse("{\"r\": 1}"));
    assertThat(tasks.calls).hasSize(1);
    assertThat(tasks.calls.get(0).input()).isEqualTo(Json.parse("{\"FunctionName\": \"f\", \"Payload\": 7}"));
    assertThat(tasks.calls.get(0).resource()).isEqualTo(LAMBDA_INVOKE);
    assertThat(tasks.calls.get(0).stateName()).isEqualTo("S");
  }

  @Test
  void serviceTaskWritesScheduledStartedSucceededEvents() {
    ExecutionResult r = run(task(LAMBDA_INVOKE, "\"Parameters\": {\"FunctionName\": \"f\"},"), "{}", new ScriptedTasks("{\"r\": 1}"));
    assertThat(types(r))
        .containsExactly("ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSucceeded",
            "TaskStateExited", "ExecutionSucceeded");
    ObjectNode scheduled = event(r, "TaskScheduled");
    assertThat(scheduled.get("taskScheduledEventDetails").get("resourceType").asText()).isEqualTo("lambda");
    assertThat(scheduled.get("taskScheduledEventDetails").get("resource").asText()).isEqualTo("invoke");
    assertThat(scheduled.get("taskScheduledEventDetails").get("region").asText()).isEqualTo("us-east-1");
    assertThat(Runs.payload(scheduled, "taskScheduledEventDetails", "parameters")).isEqualTo(Json.parse("{\"FunctionName\": \"f\"}"));
    assertThat(event(r, "TaskStarted").get("taskStartedEventDetails"))
        .isEqualTo(Json.parse("{\"resourceType\": \"lambda\", \"resource\": \"invoke\"}"));
    assertThat(Runs.payload(event(r, "TaskSucceeded"), "taskSucceededEventDetails", "output")).isEqualTo(Json.parse("{\"r\": 1}"));
  }

  @Test
  void startedEventsFollowEveryStateTheStepRanInSchedulingOrder() {
    String processor = "{\"StartAt\": \"T\", \"States\": {\"T\": {\"Type\": \"Task\", \"Resource\": \"" + LAMBDA_INVOKE + "\", \"End\": true}}}";
    String lambdaProcessor = processor.replace(LAMBDA_INVOKE, LAMBDA_ARN);
    for (String[] kind : new String[][] {{processor, "TaskScheduled", "TaskStarted"}, {lambdaProcessor, "LambdaFunctionScheduled", "LambdaFunctionStarted"}}) {
      ExecutionResult r = run("{\"StartAt\": \"M\", \"States\": {\"M\": {\"Type\": \"Map\", \"ItemProcessor\": " + kind[0] + ", \"End\": true}}}",
          "[1, 2]", new ScriptedTasks("{}"));
      assertThat(types(r).subList(5, 11))
          .containsExactly("TaskStateEntered", kind[1], "TaskStateEntered", kind[1], kind[2], kind[2]);
      // each started event follows its own task's scheduled event
      assertThat(Runs.events(r, kind[2]).get(0).get("previousEventId")).isEqualTo(Runs.events(r, kind[1]).get(0).get("id"));
      assertThat(Runs.events(r, kind[2]).get(1).get("previousEventId")).isEqualTo(Runs.events(r, kind[1]).get(1).get("id"));
      assertThat(r.status()).isEqualTo("SUCCEEDED");
    }
  }

  @Test
  void lambdaArnTaskWritesLambdaFunctionEvents() {
    ExecutionResult r = run(task(LAMBDA_ARN, ""), "{\"in\": 1}", new ScriptedTasks("2"));
    assertThat(types(r))
        .containsExactly("ExecutionStarted", "TaskStateEntered", "LambdaFunctionScheduled", "LambdaFunctionStarted",
            "LambdaFunctionSucceeded", "TaskStateExited", "ExecutionSucceeded");
    ObjectNode scheduled = event(r, "LambdaFunctionScheduled");
    assertThat(scheduled.get("lambdaFunctionScheduledEventDetails").get("resource").asText()).isEqualTo(LAMBDA_ARN);
    assertThat(Runs.payload(scheduled, "lambdaFunctionScheduledEventDetails", "input")).isEqualTo(Json.parse("{\"in\": 1}"));
    assertThat(event(r, "LambdaFunctionStarted").has("lambdaFunctionStartedEventDetails")).isFalse();
    assertThat(r.output()).isEqualTo(Json.parse("2"));
  }

  @Test
  void resultSelectorShapesTheResultBeforeResultPath() {
    ExecutionResult r =
        run(task(LAMBDA_INVOKE, "\"ResultSelector\": {\"x.$\": \"$.Payload.x\", \"k\": \"lit\"}, \"ResultPath\": \"$.res\","),
            "{\"in\": 1}", new ScriptedTasks("{\"Payload\": {\"x\": 5}, \"StatusCode\": 200}"));
    assertThat(r.output()).isEqualTo(Json.parse("{\"in\": 1, \"res\": {\"x\": 5, \"k\": \"lit\"}}"));
  }

  @Test
  void outputPathAppliesToTheCombinedResult() {
    ExecutionResult r =
        run(task(LAMBDA_INVOKE, "\"ResultPath\": \"$.res\", \"OutputPath\": \"$.res.v\","), "{\"in\": 1}", new ScriptedTasks("{\"v\": 9}"));
    assertThat(r.output()).isEqualTo(Json.parse("9"));
  }

  @Test
  void serviceTaskFailureWritesTaskFailedAndFailsTheExecution() {
    ExecutionResult r = run(task(LAMBDA_INVOKE, ""), "{}", new ScriptedTasks(failure("Boom", "went bang")));
    assertThat(r.status()).isEqualTo("FAILED");
    assertThat(r.error()).isEqualTo("Boom");
    assertThat(r.cause()).isEqualTo("went bang");
    assertThat(types(r))
        .containsExactly("ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskFailed", "ExecutionFailed");
    assertThat(event(r, "TaskFailed").get("taskFailedEventDetails"))
        .isEqualTo(Json.parse("{\"resourceType\": \"lambda\", \"resource\": \"invoke\", \"error\": \"Boom\", \"cause\": \"went bang\"}"));
  }

  @Test
  void lambdaArnFailureWritesLambdaFunctionFailed() {
    ExecutionResult r = run(task(LAMBDA_ARN, ""), "{}", new ScriptedTasks(failure("Exception", "oops")));
    assertThat(types(r))
        .containsExactly("ExecutionStarted", "TaskStateEntered", "LambdaFunctionScheduled", "LambdaFunctionStarted",
            "LambdaFunctionFailed", "ExecutionFailed");
    assertThat(event(r, "LambdaFunctionFailed").get("lambdaFunctionFailedEventDetails"))
        .isEqualTo(Json.parse("{\"error\": \"Exception\", \"cause\": \"oops\"}"));
    assertThat(r.error()).isEqualTo("Exception");
  }

  @Test
  void contextObjectShowsStateNameAndZeroRetryCountOnFirstAttempt() {
    ScriptedTasks tasks = new ScriptedTasks("{}");
    run(task(LAMBDA_INVOKE,
            "\"Parameters\": {\"n.$\": \"$$.State.Name\", \"rc.$\": \"$$.State.RetryCount\", \"id.$\": \"$$.Execution.Id\"},"),
        "{}", tasks);
    assertThat(tasks.calls.get(0).input())
        .isEqualTo(Json.parse("{\"n\": \"S\", \"rc\": 0, \"id\": \"" + Runs.EXEC_ARN + "\"}"));
  }

  private static final String OVERSIZED = "{\"big\": \"" + "a".repeat(Execution.MAX_PAYLOAD_BYTES) + "\"}";

  @Test
  void serviceTaskResultOverThePayloadLimitIsATaskFailureNamingTheService() {
    ExecutionResult r = run(task(LAMBDA_INVOKE, ""), "{}", new ScriptedTasks(OVERSIZED));
    assertThat(r.status()).isEqualTo("FAILED");
    assertThat(r.error()).isEqualTo("States.DataLimitExceeded");
    String cause = "The state/task 'lambda' returned a result with a size exceeding the maximum number of bytes service limit.";
    assertThat(r.cause()).isEqualTo(cause);
    assertThat(types(r))
        .containsExactly("ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskFailed", "ExecutionFailed");
    assertThat(event(r, "TaskFailed").get("taskFailedEventDetails"))
        .isEqualTo(Json.parse("{\"resourceType\": \"lambda\", \"resource\": \"invoke\", \"error\": \"States.DataLimitExceeded\","
            + " \"cause\": \"" + cause + "\"}"));
  }

  @Test
  void lambdaArnResultOverThePayloadLimitIsALambdaFailureNamingTheFunction() {
    ExecutionResult r = run(task(LAMBDA_ARN, ""), "{}", new ScriptedTasks(OVERSIZED));
    assertThat(r.error()).isEqualTo("States.DataLimitExceeded");
    assertThat(r.cause())
        .isEqualTo("The state/task '" + LAMBDA_ARN + "' returned a result with a size exceeding the maximum number of bytes service limit.");
    assertThat(types(r)).contains("LambdaFunctionFailed").doesNotContain("LambdaFunctionSucceeded");
  }

  @Test
  void taskResultNullBecomesANullOutput() {
    ExecutionResult r = run(task(LAMBDA_INVOKE, ""), "{}", new ScriptedTasks("null"));
    assertThat(r.status()).isEqualTo("SUCCEEDED");
    assertThat(r.output().isNull()).isTrue();
  }
}
