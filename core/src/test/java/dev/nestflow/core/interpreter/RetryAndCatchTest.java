package dev.nestflow.core.interpreter;

import static dev.nestflow.core.interpreter.Runs.LAMBDA_ARN;
import static dev.nestflow.core.interpreter.Runs.LAMBDA_INVOKE;
import static dev.nestflow.core.interpreter.Runs.elapsed;
import static dev.nestflow.core.interpreter.Runs.events;
import static dev.nestflow.core.interpreter.Runs.failure;
import static dev.nestflow.core.interpreter.Runs.run;
import static dev.nestflow.core.interpreter.Runs.types;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nestflow.core.interpreter.Runs.ScriptedTasks;
import dev.nestflow.core.json.Json;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetryAndCatchTest {

  /** Task T (lambda:invoke) with the given Retry/Catch JSON, then the Pass states Caught and Other. */
  private static String machine(String retryAndCatch) {
    return """
        {"StartAt": "T", "States": {
          "T": {"Type": "Task", "Resource": "%s", %s "End": true},
          "Caught": {"Type": "Pass", "End": true},
          "Other": {"Type": "Pass", "Result": "other", "End": true}}}"""
        .formatted(LAMBDA_INVOKE, retryAndCatch);
  }

  private static List<Duration> scheduledTimes(ExecutionResult r) {
    return events(r, "TaskScheduled").stream().map(Runs::elapsed).toList();
  }

  @Test
  void retryDelaysGrowByBackoffRateUpToMaxDelay() {
    ScriptedTasks tasks = new ScriptedTasks(failure("E", "c"));
    ExecutionResult r =
        run(machine("\"Retry\": [{\"ErrorEquals\": [\"E\"], \"IntervalSeconds\": 2, \"BackoffRate\": 3, \"MaxDelaySeconds\": 10, \"MaxAttempts\": 4}],"),
            "{}", tasks);
    assertThat(tasks.calls).hasSize(5);
    assertThat(scheduledTimes(r))
        .containsExactly(Duration.ZERO, Duration.ofSeconds(2), Duration.ofSeconds(8), Duration.ofSeconds(18), Duration.ofSeconds(28));
    assertThat(r.status()).isEqualTo("FAILED");
    assertThat(r.error()).isEqualTo("E");
    assertThat(elapsed(Runs.last(r))).isEqualTo(Duration.ofSeconds(28));
  }

  @Test
  void retryDefaultsAreOneSecondThreeAttemptsBackoffTwo() {
    ScriptedTasks tasks = new ScriptedTasks(failure("E", null));
    ExecutionResult r = run(machine("\"Retry\": [{\"ErrorEquals\": [\"States.ALL\"]}],"), "{}", tasks);
    assertThat(scheduledTimes(r))
        .containsExactly(Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofSeconds(7));
  }

  @Test
  void retryStartsAgainAtScheduledWithoutANewStateEntered() {
    ExecutionResult r =
        run(machine("\"Retry\": [{\"ErrorEquals\": [\"E\"], \"MaxAttempts\": 1}],"), "{}", new ScriptedTasks(failure("E", "c"), "{\"ok\": 1}"));
    assertThat(types(r))
        .containsExactly("ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskFailed",
            "TaskScheduled", "TaskStarted", "TaskSucceeded", "TaskStateExited", "ExecutionSucceeded");
    assertThat(r.output()).isEqualTo(Json.parse("{\"ok\": 1}"));
  }

  @Test
  void retryCountInTheContextObjectCountsAttempts() {
    ScriptedTasks tasks = new ScriptedTasks(failure("E", null), failure("E", null), "{}");
    run(machine("\"Parameters\": {\"rc.$\": \"$$.State.RetryCount\"}, \"Retry\": [{\"ErrorEquals\": [\"E\"]}],"), "{}", tasks);
    assertThat(tasks.calls.stream().map(c -> c.input().get("rc").asInt()).toList()).containsExactly(0, 1, 2);
  }

  @Test
  void fullJitterDrawsEachDelayBetweenZeroAndTheBackedOffDelay() {
    String def = machine(
        "\"Retry\": [{\"ErrorEquals\": [\"States.ALL\"], \"IntervalSeconds\": 3, \"MaxAttempts\": 2, \"BackoffRate\": 2, "
            + "\"MaxDelaySeconds\": 5, \"JitterStrategy\": \"FULL\"}],");
    ExecutionResult r = run(def, "{}", new ScriptedTasks(failure("E", null)));
    List<Duration> at = scheduledTimes(r);
    assertThat(at).hasSize(3);
    Duration first = at.get(1).minus(at.get(0));
    Duration second = at.get(2).minus(at.get(1));
    assertThat(first).isBetween(Duration.ZERO, Duration.ofSeconds(3));
    assertThat(second).isBetween(Duration.ZERO, Duration.ofSeconds(5));
    assertThat(List.of(first, second)).isNotEqualTo(List.of(Duration.ofSeconds(3), Duration.ofSeconds(5)));
    // the same seed gives the same delays
    assertThat(scheduledTimes(run(def, "{}", new ScriptedTasks(failure("E", null))))).isEqualTo(at);
  }

  @Test
  void maxAttemptsZeroNeverRetries() {
    ScriptedTasks tasks = new ScriptedTasks(failure("E", null));
    ExecutionResult r = run(machine("\"Retry\": [{\"ErrorEquals\": [\"States.ALL\"], \"MaxAttempts\": 0}],"), "{}", tasks);
    assertThat(tasks.calls).hasSize(1);
    assertThat(types(r))
        .containsExactly("ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskFailed", "ExecutionFailed");
  }

  @Test
  void onlyTheFirstMatchingRetrierApplies() {
    ScriptedTasks tasks = new ScriptedTasks(failure("E", null));
    run(machine("\"Retry\": [{\"ErrorEquals\": [\"E\"], \"MaxAttempts\": 1}, {\"ErrorEquals\": [\"States.ALL\"], \"MaxAttempts\": 5}],"),
        "{}", tasks);
    assertThat(tasks.calls).hasSize(2);
  }

  @Test
  void retrierCountersSurviveAcrossDifferentErrorsItMatches() {
    ScriptedTasks tasks = new ScriptedTasks(failure("A", null), failure("B", null), failure("A", null), "{}");
    ExecutionResult r = run(machine("\"Retry\": [{\"ErrorEquals\": [\"A\", \"B\"], \"MaxAttempts\": 2}],"), "{}", tasks);
    assertThat(tasks.calls).hasSize(3);
    assertThat(r.error()).isEqualTo("A");
  }

  @Test
  void retryThenCatchWhenAttemptsAreExhausted() {
    ScriptedTasks tasks = new ScriptedTasks(failure("E", "c"));
    ExecutionResult r =
        run(machine("\"Retry\": [{\"ErrorEquals\": [\"E\"], \"MaxAttempts\": 1}], \"Catch\": [{\"ErrorEquals\": [\"E\"], \"Next\": \"Caught\"}],"),
            "{}", tasks);
    assertThat(tasks.calls).hasSize(2);
    assertThat(r.status()).isEqualTo("SUCCEEDED");
    assertThat(r.output()).isEqualTo(Json.parse("{\"Error\": \"E\", \"Cause\": \"c\"}"));
  }

  @Test
  void catchWithResultPathMergesErrorOutputIntoTheInput() {
    ExecutionResult r =
        run(machine("\"Catch\": [{\"ErrorEquals\": [\"E\"], \"ResultPath\": \"$.err\", \"Next\": \"Caught\"}],"), "{\"a\": 1}",
            new ScriptedTasks(failure("E", "c")));
    assertThat(r.output()).isEqualTo(Json.parse("{\"a\": 1, \"err\": {\"Error\": \"E\", \"Cause\": \"c\"}}"));
    assertThat(types(r))
        .containsExactly("ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskFailed",
            "TaskStateExited", "PassStateEntered", "PassStateExited", "ExecutionSucceeded");
  }

  @Test
  void catchWithResultPathNullKeepsTheInput() {
    ExecutionResult r =
        run(machine("\"Catch\": [{\"ErrorEquals\": [\"E\"], \"ResultPath\": null, \"Next\": \"Caught\"}],"), "{\"a\": 1}",
            new ScriptedTasks(failure("E", "c")));
    assertThat(r.output()).isEqualTo(Json.parse("{\"a\": 1}"));
  }

  @Test
  void firstMatchingCatcherWins() {
    ExecutionResult r =
        run(machine("\"Catch\": [{\"ErrorEquals\": [\"X\"], \"Next\": \"Caught\"}, {\"ErrorEquals\": [\"E\"], \"Next\": \"Other\"},"
                + " {\"ErrorEquals\": [\"States.ALL\"], \"Next\": \"Caught\"}],"),
            "{}", new ScriptedTasks(failure("E", null)));
    assertThat(r.output()).isEqualTo(Json.parse("\"other\""));
  }

  @Test
  void statesAllCatchesAnyTaskError() {
    ExecutionResult r =
        run(machine("\"Catch\": [{\"ErrorEquals\": [\"States.ALL\"], \"Next\": \"Other\"}],"), "{}",
            new ScriptedTasks(failure("Anything.Custom", null)));
    assertThat(r.output()).isEqualTo(Json.parse("\"other\""));
  }

  @Test
  void statesTaskFailedMatchesCustomErrors() {
    ExecutionResult r =
        run(machine("\"Catch\": [{\"ErrorEquals\": [\"States.TaskFailed\"], \"Next\": \"Other\"}],"), "{}",
            new ScriptedTasks(failure("Lambda.Unknown", null)));
    assertThat(r.output()).isEqualTo(Json.parse("\"other\""));
  }

  @Test
  void statesTaskFailedDoesNotMatchStatesTimeout() {
    String catchers = "\"Catch\": [{\"ErrorEquals\": [\"States.TaskFailed\"], \"Next\": \"Other\"}, "
        + "{\"ErrorEquals\": [\"States.Timeout\"], \"ResultPath\": \"$.e\", \"Next\": \"Caught\"}],";
    ExecutionResult r = run(machine(catchers), "{}", new ScriptedTasks(failure("States.Timeout", null)));
    assertThat(r.output().get("e").get("Error").asText()).isEqualTo("States.Timeout");
  }

  @Test
  void statesTaskFailedRetrierDoesNotRetryATimeout() {
    ScriptedTasks tasks = new ScriptedTasks(failure("States.Timeout", null));
    ExecutionResult r = run(machine("\"Retry\": [{\"ErrorEquals\": [\"States.TaskFailed\"]}],"), "{}", tasks);
    assertThat(tasks.calls).hasSize(1);
    assertThat(r.error()).isEqualTo("States.Timeout");
  }

  @Test
  void unmatchedErrorIsNeitherRetriedNorCaught() {
    ScriptedTasks tasks = new ScriptedTasks(failure("E", "c"));
    ExecutionResult r =
        run(machine("\"Retry\": [{\"ErrorEquals\": [\"X\"]}], \"Catch\": [{\"ErrorEquals\": [\"Y\"], \"Next\": \"Caught\"}],"), "{}", tasks);
    assertThat(tasks.calls).hasSize(1);
    assertThat(r.error()).isEqualTo("E");
    assertThat(r.cause()).isEqualTo("c");
  }

  @Test
  void statesRuntimeIsNeverRetriedNorCaughtEvenWhenNamed() {
    ScriptedTasks tasks = new ScriptedTasks("{}");
    String def = """
        {"StartAt": "T", "States": {
          "T": {"Type": "Task", "Resource": "%s", "OutputPath": "$.no.such.result.path",
                "Retry": [{"ErrorEquals": ["States.ALL"]}],
                "Catch": [{"ErrorEquals": ["States.Runtime"], "Next": "Caught"}, {"ErrorEquals": ["States.ALL"], "Next": "Caught"}],
                "End": true},
          "Caught": {"Type": "Pass", "End": true}}}""".formatted(LAMBDA_ARN);
    ExecutionResult r = run(def, "{}", tasks);
    assertThat(tasks.calls).hasSize(1);
    assertThat(r.status()).isEqualTo("FAILED");
    assertThat(r.error()).isEqualTo("States.Runtime");
    assertThat(r.cause())
        .isEqualTo(Runs.prefix("T", 2) + "Invalid path '$.no.such.result.path' : Missing property in path $['no']");
    assertThat(types(r))
        .containsExactly("ExecutionStarted", "TaskStateEntered", "LambdaFunctionScheduled", "LambdaFunctionStarted",
            "LambdaFunctionSucceeded", "ExecutionFailed");
  }

  @Test
  void statesRuntimeRaisedByTheTaskItselfIsNotCaught() {
    ScriptedTasks tasks = new ScriptedTasks(failure("States.Runtime", "bad"));
    ExecutionResult r =
        run(machine("\"Retry\": [{\"ErrorEquals\": [\"States.ALL\"]}], \"Catch\": [{\"ErrorEquals\": [\"States.ALL\"], \"Next\": \"Caught\"}],"),
            "{}", tasks);
    assertThat(tasks.calls).hasSize(1);
    assertThat(r.error()).isEqualTo("States.Runtime");
  }

  @Test
  void oversizedTaskResultIsCaughtByItsNameAsAwsRecords() {
    ExecutionResult r =
        run(machine("\"Catch\": [{\"ErrorEquals\": [\"States.DataLimitExceeded\"], \"Next\": \"Caught\"},"
                + " {\"ErrorEquals\": [\"States.ALL\"], \"Next\": \"Other\"}],"),
            "{}", new ScriptedTasks("\"" + "a".repeat(Execution.MAX_PAYLOAD_BYTES) + "\""));
    assertThat(r.status()).isEqualTo("SUCCEEDED");
    assertThat(r.output())
        .isEqualTo(Json.parse("{\"Error\": \"States.DataLimitExceeded\", \"Cause\": \"The state/task 'lambda' returned a result"
            + " with a size exceeding the maximum number of bytes service limit.\"}"));
    assertThat(types(r))
        .containsExactly("ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskFailed",
            "TaskStateExited", "PassStateEntered", "PassStateExited", "ExecutionSucceeded");
  }

  @Test
  void oversizedTaskResultIsCaughtByStatesAll() {
    ExecutionResult r =
        run(machine("\"Catch\": [{\"ErrorEquals\": [\"States.ALL\"], \"Next\": \"Caught\"}],"),
            "{}", new ScriptedTasks("\"" + "a".repeat(Execution.MAX_PAYLOAD_BYTES) + "\""));
    assertThat(r.status()).isEqualTo("SUCCEEDED");
    assertThat(r.output().get("Error").asText()).isEqualTo("States.DataLimitExceeded");
  }

  @Test
  void stateOutputOverThePayloadLimitIsNeverRetriedNorCaught() {
    // the result alone fits; the input with the result placed into it does not
    String half = "a".repeat(Execution.MAX_PAYLOAD_BYTES / 2 + 10);
    ScriptedTasks tasks = new ScriptedTasks("\"" + half + "\"");
    ExecutionResult r =
        run(machine("\"ResultPath\": \"$.r\", \"Retry\": [{\"ErrorEquals\": [\"States.ALL\"]}], "
                + "\"Catch\": [{\"ErrorEquals\": [\"States.DataLimitExceeded\"], \"Next\": \"Caught\"}, {\"ErrorEquals\": [\"States.ALL\"], \"Next\": \"Caught\"}],"),
            "{\"in\": \"" + half + "\"}", tasks);
    assertThat(tasks.calls).hasSize(1);
    assertThat(r.status()).isEqualTo("FAILED");
    assertThat(r.error()).isEqualTo("States.DataLimitExceeded");
    assertThat(types(r)).doesNotContain("TaskStateExited");
  }

  @Test
  void parameterPathFailureInATaskIsStatesRuntimeAndNotCaught() {
    ScriptedTasks tasks = new ScriptedTasks("{}");
    ExecutionResult r =
        run(machine("\"Parameters\": {\"v.$\": \"$.missing\"}, \"Catch\": [{\"ErrorEquals\": [\"States.ALL\"], \"Next\": \"Caught\"}],"),
            "{}", tasks);
    assertThat(tasks.calls).isEmpty();
    assertThat(r.error()).isEqualTo("States.Runtime");
  }
}
