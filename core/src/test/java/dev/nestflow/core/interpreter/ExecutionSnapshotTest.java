package dev.nestflow.core.interpreter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nestflow.core.json.Json;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * An execution restored from a snapshot taken between any two steps goes on exactly as the
 * uninterrupted one (see {@link SnapshotReplays#assertRestoresAfter}).
 */
class ExecutionSnapshotTest {
  private static final String CALLBACK = "arn:aws:states:::sqs:sendMessage.waitForTaskToken";

  private static List<Signal> succeed(Effect.InvokeTask t) {
    return List.of(new Signal.TaskSucceeded(t.key(), Json.object().put("from", t.stateName()).set("in", t.input())));
  }

  @Test
  void seededRandomDrawsWhatRandomDrawsAndContinuesFromItsState() {
    Random plain = new Random(42);
    SeededRandom seeded = new SeededRandom(42);
    for (int i = 0; i < 5; i++) {
      assertThat(seeded.nextLong()).isEqualTo(plain.nextLong());
      assertThat(seeded.nextDouble()).isEqualTo(plain.nextDouble());
      assertThat(seeded.nextInt(17)).isEqualTo(plain.nextInt(17));
    }
    SeededRandom copy = SeededRandom.atState(seeded.state());
    assertThat(copy.nextLong(3, 1_000_000)).isEqualTo(seeded.nextLong(3, 1_000_000));
    assertThat(copy.nextLong()).isEqualTo(seeded.nextLong());
  }

  @Test
  void inlineMapMidFlightWithConcurrencyTasksWaitsAndToleratedFailures() {
    String definition = """
        {"StartAt": "M", "States": {"M": {"Type": "Map", "MaxConcurrency": 2, "ToleratedFailureCount": 1,
          "ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "W", "States": {
            "W": {"Type": "Wait", "SecondsPath": "$.s", "Next": "C"},
            "C": {"Type": "Choice", "Choices": [{"Variable": "$.fail", "BooleanEquals": true, "Next": "F"}], "Default": "T"},
            "F": {"Type": "Fail", "Error": "Boom", "Cause": "item failed"},
            "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"p.$": "$"}, "End": true}}},
          "End": true}}}""";
    var run = SnapshotReplays.record(definition,
        "[{\"s\":3,\"fail\":false},{\"s\":1,\"fail\":true},{\"s\":2,\"fail\":false},{\"s\":0,\"fail\":false},{\"s\":5,\"fail\":false}]", ExecutionSnapshotTest::succeed);
    assertThat(run.result().status()).as("%s", run.result().cause()).isEqualTo("SUCCEEDED");
    SnapshotReplays.assertRestoresAfterEveryStep(run);
  }

  @Test
  void aParallelRetriedAsAWholeRunsItsNewBranches() {
    String definition = """
        {"StartAt": "P", "States": {"P": {"Type": "Parallel", "Branches": [
            {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}],
          "Retry": [{"ErrorEquals": ["States.ALL"], "IntervalSeconds": 1, "MaxAttempts": 2}],
          "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Fallback"}], "End": true},
          "Fallback": {"Type": "Pass", "End": true}}}""";
    var run = SnapshotReplays.record(definition, "{}", t -> List.of(new Signal.TaskFailed(t.key(), "Exception", "no")));
    assertThat(run.result().status()).isEqualTo("SUCCEEDED");
    SnapshotReplays.assertRestoresAfterEveryStep(run);
  }

  @Test
  void parallelWithBranchesBlockedOnTimersAndTasks() {
    String definition = """
        {"StartAt": "P", "States": {"P": {"Type": "Parallel", "Branches": [
            {"StartAt": "A", "States": {"A": {"Type": "Wait", "Seconds": 10, "Next": "A2"},
                                        "A2": {"Type": "Pass", "Result": "a", "End": true}}},
            {"StartAt": "B", "States": {"B": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}},
            {"StartAt": "N", "States": {"N": {"Type": "Parallel", "Branches": [
                {"StartAt": "N1", "States": {"N1": {"Type": "Wait", "Seconds": 3, "End": true}}}], "End": true}}}],
          "Next": "Done"}, "Done": {"Type": "Succeed"}}}""";
    var run = SnapshotReplays.record(definition, "{\"x\":1}", ExecutionSnapshotTest::succeed);
    assertThat(run.result().status()).isEqualTo("SUCCEEDED");
    SnapshotReplays.assertRestoresAfterEveryStep(run);
  }

  @Test
  void retriesWithFullJitterDrawTheSameDelaysAfterARestore() {
    String definition = """
        {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
          "Retry": [{"ErrorEquals": ["Flaky"], "IntervalSeconds": 5, "MaxAttempts": 4, "BackoffRate": 2,
                     "JitterStrategy": "FULL"}],
          "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Caught"}], "End": true},
          "Caught": {"Type": "Pass", "End": true}}}""";
    AtomicInteger calls = new AtomicInteger();
    var run = SnapshotReplays.record(definition, "{}", t -> calls.incrementAndGet() < 4
        ? List.of(new Signal.TaskFailed(t.key(), "Flaky", "try " + calls.get()))
        : succeed(t));
    assertThat(run.result().status()).isEqualTo("SUCCEEDED");
    assertThat(calls.get()).isEqualTo(4);
    SnapshotReplays.assertRestoresAfterEveryStep(run);
  }

  @Test
  void taskTimeoutsHeartbeatsAndSubmissionsSurviveARestore() {
    String definition = """
        {"StartAt": "Cb", "States": {
          "Cb": {"Type": "Task", "Resource": "%s", "HeartbeatSeconds": 5, "TimeoutSeconds": 30,
                 "Parameters": {"QueueUrl": "q", "MessageBody": {"token.$": "$$.Task.Token"}},
                 "Catch": [{"ErrorEquals": ["States.Timeout"], "ResultPath": "$.err", "Next": "Slow"}], "Next": "Slow"},
          "Slow": {"Type": "Task", "Resource": "%s", "TimeoutSeconds": 20,
                 "Parameters": {"QueueUrl": "q", "MessageBody": "x"},
                 "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "End"}], "End": true},
          "End": {"Type": "Pass", "End": true}}}""".formatted(CALLBACK, CALLBACK);
    var run = SnapshotReplays.record(definition, "{}", t -> t.stateName().equals("Cb")
        ? List.of(new Signal.TaskSubmitted(t.key(), Json.parse("{\"MessageId\":\"m1\"}")), new Signal.Heartbeat(t.key()))
        : List.of(new Signal.TaskSubmitted(t.key(), Json.parse("{\"MessageId\":\"m2\"}"))));
    assertThat(run.result().status()).isEqualTo("SUCCEEDED");
    assertThat(Runs.types(run.result())).contains("TaskTimedOut", "TaskSubmitted");
    SnapshotReplays.assertRestoresAfterEveryStep(run);
  }

  @Test
  void jsonataVariablesAndRandomnessInALoop() {
    String definition = """
        {"QueryLanguage": "JSONata", "StartAt": "Init", "States": {
          "Init": {"Type": "Pass", "Assign": {"n": 0, "rolls": []}, "Next": "Roll"},
          "Roll": {"Type": "Pass", "Assign": {"n": "{% $n + 1 %}", "rolls": "{% $append($rolls, $random()) %}",
                   "id": "{% $uuid() %}"}, "Next": "Nap"},
          "Nap": {"Type": "Wait", "Seconds": 1, "Next": "Again"},
          "Again": {"Type": "Choice", "Choices": [{"Condition": "{% $n < 6 %}", "Next": "Roll"}], "Default": "Out"},
          "Out": {"Type": "Pass", "Output": {"n": "{% $n %}", "rolls": "{% $rolls %}", "id": "{% $id %}"}, "End": true}}}""";
    var run = SnapshotReplays.record(definition, "{}", ExecutionSnapshotTest::succeed);
    assertThat(run.result().status()).isEqualTo("SUCCEEDED");
    assertThat(run.result().output().get("rolls")).hasSize(6);
    SnapshotReplays.assertRestoresAfterEveryStep(run);
  }

  @Test
  void aDistributedMapWaitingOnItsMapRunSurvivesARestore() {
    String definition = """
        {"StartAt": "D", "States": {"D": {"Type": "Map", "MaxConcurrency": 3,
          "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"}, "StartAt": "W",
            "States": {"W": {"Type": "Wait", "SecondsPath": "$", "Next": "T"},
                       "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}},
          "End": true}}}""";
    var run = SnapshotReplays.record(definition, "[4, 1, 3, 2, 0, 6]", ExecutionSnapshotTest::succeed);
    assertThat(run.result().status()).isEqualTo("SUCCEEDED");
    assertThat(run.result().history()).extracting(e -> e.get("type").asText()).contains("MapRunStarted", "MapRunSucceeded");
    SnapshotReplays.assertRestoresAfterEveryStep(run);
    // the snapshot taken while the Map waits names its map run (a stop must abort that run)
    Execution waiting = SnapshotReplays.fresh(run.machine(), run.input());
    waiting.start(run.steps().get(0).at());
    assertThat(Json.write(ExecutionSnapshot.encode(waiting))).contains("\"mapRunArn\":\"arn:aws:states:");
  }

  @Test
  void aStopAndAnExecutionTimeoutAfterARestore() {
    String definition = """
        {"TimeoutSeconds": 100, "StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 40, "Next": "W"}}}""";
    var run = SnapshotReplays.record(definition, "{}", ExecutionSnapshotTest::succeed);
    assertThat(run.result().status()).isEqualTo("TIMED_OUT");
    SnapshotReplays.assertRestoresAfterEveryStep(run);
  }

  @Test
  void aLongLoopRestoresWithOnlyTheEventsAfterTheSnapshot() {
    String definition = """
        {"StartAt": "Count", "States": {
          "Count": {"Type": "Pass", "Parameters": {"i.$": "States.MathAdd($.i, 1)"}, "Next": "Nap"},
          "Nap": {"Type": "Wait", "Seconds": 1, "Next": "More"},
          "More": {"Type": "Choice", "Choices": [{"Variable": "$.i", "NumericLessThan": 300, "Next": "Count"}],
                   "Default": "Done"},
          "Done": {"Type": "Succeed"}}}""";
    var run = SnapshotReplays.record(definition, "{\"i\":0}", ExecutionSnapshotTest::succeed);
    assertThat(run.steps()).hasSize(301);
    SnapshotReplays.assertRestores(run, 10);
    Execution ex = SnapshotReplays.fresh(run.machine(), run.input());
    ex.start(Runs.START);
    for (int i = 1; i < 200; i++) {
      ex.deliver(run.steps().get(i).signal(), run.steps().get(i).at());
    }
    String snapshot = Json.write(ExecutionSnapshot.encode(ex));
    assertThat(snapshot.length()).as("a loop's snapshot does not grow with the loop").isLessThan(2_000);
  }

  @Test
  void aRedriveAfterARestoreRunsAgainOnlyTheIterationsThatDidNotSucceed() {
    String definition = """
        {"StartAt": "M", "States": {"M": {"Type": "Map", "MaxConcurrency": 2, "ItemProcessor": {
            "ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "W", "States": {
              "W": {"Type": "Wait", "SecondsPath": "$", "Next": "T"},
              "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}},
          "End": true}}}""";
    java.util.Set<String> failedOnce = new java.util.HashSet<>();
    var run = SnapshotReplays.record(definition, "[1, 3, 2, 4]",
        t -> Json.write(t.input()).equals("3") && failedOnce.add("3")
            ? List.of(new Signal.TaskFailed(t.key(), "Boom", "first try"))
            : succeed(t),
        List.of(new Signal.Redrive("again")));
    assertThat(run.result().status()).isEqualTo("SUCCEEDED");
    assertThat(Runs.types(run.result())).contains("ExecutionFailed", "ExecutionRedriven");
    SnapshotReplays.assertRestoresAfterEveryStep(run);
  }

  @Test
  void anotherVersionIsRefused() {
    var run = SnapshotReplays.record("{\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Pass\", \"End\": true}}}",
        "{}", ExecutionSnapshotTest::succeed);
    Execution ex = SnapshotReplays.fresh(run.machine(), run.input());
    var snapshot = ExecutionSnapshot.encode(ex).put("v", ExecutionSnapshot.VERSION + 1);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ExecutionSnapshot.restore(snapshot, run.machine(),
        Runs.identity(), run.input(), null, Environment.of(new SeededRandom(1))))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
