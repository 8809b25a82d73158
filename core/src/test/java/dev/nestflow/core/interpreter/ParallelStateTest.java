package dev.nestflow.core.interpreter;

import static dev.nestflow.core.interpreter.Runs.elapsed;
import static dev.nestflow.core.interpreter.Runs.event;
import static dev.nestflow.core.interpreter.Runs.run;
import static dev.nestflow.core.interpreter.Runs.types;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nestflow.core.json.Json;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ParallelStateTest {

  private static String parallel(String extra, String... branches) {
    return """
        {"StartAt": "P", "States": {
          "P": {"Type": "Parallel", %s "Branches": [%s], "End": true},
          "Caught": {"Type": "Pass", "End": true}}}""".formatted(extra, String.join(",", branches));
  }

  private static String branch(String stateJson) {
    return "{\"StartAt\": \"B\", \"States\": {\"B\": " + stateJson + "}}";
  }

  @Test
  void outputsAreInBranchOrderWhateverOrderBranchesFinish() {
    ExecutionResult r =
        run(parallel("",
                "{\"StartAt\": \"Slow\", \"States\": {\"Slow\": {\"Type\": \"Wait\", \"Seconds\": 10, \"Next\": \"R1\"},"
                    + " \"R1\": {\"Type\": \"Pass\", \"Result\": 1, \"End\": true}}}",
                branch("{\"Type\": \"Pass\", \"Result\": 2, \"End\": true}")),
            "{}");
    assertThat(r.status()).isEqualTo("SUCCEEDED");
    assertThat(r.output()).isEqualTo(Json.parse("[1, 2]"));
    assertThat(elapsed(event(r, "ParallelStateExited"))).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void branchesRunConcurrentlySoTheStateTakesAsLongAsTheSlowest() {
    ExecutionResult r =
        run(parallel("",
                branch("{\"Type\": \"Wait\", \"Seconds\": 10, \"End\": true}"),
                branch("{\"Type\": \"Wait\", \"Seconds\": 20, \"End\": true}")),
            "{}");
    assertThat(elapsed(event(r, "ParallelStateExited"))).isEqualTo(Duration.ofSeconds(20));
  }

  @Test
  void aMapsMaxConcurrencyDoesNotLimitALaterParallelInTheSameFrame() {
    ExecutionResult r =
        run("""
            {"StartAt": "M", "States": {
              "M": {"Type": "Map", "MaxConcurrency": 1, "ItemsPath": "$.items", "ResultPath": null,
                    "ItemProcessor": {"StartAt": "I", "States": {"I": {"Type": "Pass", "End": true}}},
                    "Next": "P"},
              "P": {"Type": "Parallel", "End": true, "Branches": [%s, %s]}}}"""
                .formatted(branch("{\"Type\": \"Wait\", \"Seconds\": 10, \"End\": true}"),
                    branch("{\"Type\": \"Wait\", \"Seconds\": 10, \"End\": true}")),
            "{\"items\": [1, 2]}");
    assertThat(r.status()).isEqualTo("SUCCEEDED");
    assertThat(elapsed(event(r, "ParallelStateExited"))).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void everyBranchGetsTheStateInputAfterParameters() {
    ExecutionResult r =
        run(parallel("\"Parameters\": {\"v.$\": \"$.a\"},",
                branch("{\"Type\": \"Pass\", \"End\": true}"),
                branch("{\"Type\": \"Pass\", \"OutputPath\": \"$.v\", \"End\": true}")),
            "{\"a\": 5}");
    assertThat(r.output()).isEqualTo(Json.parse("[{\"v\": 5}, 5]"));
  }

  @Test
  void resultSelectorAndResultPathApplyToTheArrayOfOutputs() {
    ExecutionResult r =
        run(parallel("\"ResultSelector\": {\"first.$\": \"$[0]\"}, \"ResultPath\": \"$.res\",",
                branch("{\"Type\": \"Pass\", \"Result\": \"x\", \"End\": true}")),
            "{\"a\": 1}");
    assertThat(r.output()).isEqualTo(Json.parse("{\"a\": 1, \"res\": {\"first\": \"x\"}}"));
  }

  @Test
  void eventsMarkStartAndSuccessOfTheState() {
    ExecutionResult r = run(parallel("", branch("{\"Type\": \"Pass\", \"End\": true}")), "{}");
    assertThat(types(r))
        .containsExactly("ExecutionStarted", "ParallelStateEntered", "ParallelStateStarted", "PassStateEntered",
            "PassStateExited", "ParallelStateSucceeded", "ParallelStateExited", "ExecutionSucceeded");
  }

  @Test
  void failingBranchFailsTheStateWithTheBranchError() {
    ExecutionResult r =
        run(parallel("",
                branch("{\"Type\": \"Wait\", \"Seconds\": 100, \"End\": true}"),
                branch("{\"Type\": \"Fail\", \"Error\": \"BranchError\", \"Cause\": \"branch cause\"}")),
            "{}");
    assertThat(r.status()).isEqualTo("FAILED");
    assertThat(r.error()).isEqualTo("BranchError");
    assertThat(r.cause()).isEqualTo("branch cause");
    assertThat(types(r)).contains("ParallelStateFailed", "WaitStateAborted");
    assertThat(types(r)).doesNotContain("WaitStateExited", "ParallelStateExited");
    // the failure does not wait for the other branch
    assertThat(elapsed(Runs.last(r))).isEqualTo(Duration.ZERO);
  }

  @Test
  void failingBranchWithoutErrorOrCauseFailsTheStateWithNeither() {
    ExecutionResult r = run(parallel("", branch("{\"Type\": \"Fail\", \"Error\": \"FailureType\"}")), "{}");
    assertThat(r.error()).isEqualTo("FailureType");
    assertThat(r.cause()).isNull();
    assertThat(types(r))
        .containsExactly("ExecutionStarted", "ParallelStateEntered", "ParallelStateStarted", "FailStateEntered",
            "ParallelStateFailed", "ExecutionFailed");
  }

  @Test
  void catchOnTheParallelStateHandlesTheBranchError() {
    ExecutionResult r =
        run(parallel("\"Catch\": [{\"ErrorEquals\": [\"BranchError\"], \"ResultPath\": \"$.err\", \"Next\": \"Caught\"}],",
                branch("{\"Type\": \"Fail\", \"Error\": \"BranchError\", \"Cause\": \"c\"}")),
            "{\"a\": 1}");
    assertThat(r.status()).isEqualTo("SUCCEEDED");
    assertThat(r.output()).isEqualTo(Json.parse("{\"a\": 1, \"err\": {\"Error\": \"BranchError\", \"Cause\": \"c\"}}"));
  }

  @Test
  void retryOnTheParallelStateRerunsEveryBranch() {
    Runs.ScriptedTasks tasks = new Runs.ScriptedTasks("{}", Runs.failure("E", null), "{}", "{}");
    ExecutionResult r =
        run(parallel("\"Retry\": [{\"ErrorEquals\": [\"E\"], \"MaxAttempts\": 1}],",
                branch("{\"Type\": \"Task\", \"Resource\": \"" + Runs.LAMBDA_INVOKE + "\", \"End\": true}"),
                branch("{\"Type\": \"Task\", \"Resource\": \"" + Runs.LAMBDA_INVOKE + "\", \"End\": true}")),
            "{}", tasks);
    assertThat(r.status()).isEqualTo("SUCCEEDED");
    assertThat(tasks.calls).hasSize(4);
  }

  @Test
  void aBranchTaskThatFailsUncaughtIsAbortedAfterItsFailureEvent() {
    String definition = "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Parallel\",\"End\":true,\"Branches\":["
        + "{\"StartAt\":\"T\",\"States\":{\"T\":{\"Type\":\"Task\",\"Resource\":\"" + Runs.LAMBDA_INVOKE + "\",\"End\":true}}}]}}}";
    ExecutionResult r = Runs.run(definition, "{}", new Runs.ScriptedTasks(Runs.failure("Boom", "bad")));

    assertThat(Runs.types(r)).containsSubsequence("TaskFailed", "TaskStateAborted", "ParallelStateFailed", "ExecutionFailed");
    assertThat(r.error()).isEqualTo("Boom");
  }

  @Test
  void theParallelFailureFollowsTheBranchTaskFailureNotItsAbort() {
    String definition = "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Parallel\",\"End\":true,\"Branches\":["
        + "{\"StartAt\":\"T\",\"States\":{\"T\":{\"Type\":\"Task\",\"Resource\":\"" + Runs.LAMBDA_INVOKE + "\",\"End\":true}}}]}}}";
    ExecutionResult r = Runs.run(definition, "{}", new Runs.ScriptedTasks(Runs.failure("Boom", "bad")));

    long failure = Runs.event(r, "TaskFailed").get("id").asLong();
    assertThat(Runs.event(r, "TaskStateAborted").get("previousEventId").asLong()).isEqualTo(failure);
    assertThat(Runs.event(r, "ParallelStateFailed").get("previousEventId").asLong()).isEqualTo(failure);
  }
}
