package dev.nestflow.core.interpreter;

import static dev.nestflow.core.interpreter.Runs.elapsed;
import static dev.nestflow.core.interpreter.Runs.event;
import static dev.nestflow.core.interpreter.Runs.prefix;
import static dev.nestflow.core.interpreter.Runs.run;
import static dev.nestflow.core.interpreter.Runs.types;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.json.Json;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class MapStateTest {

  private static final String PASS_PROCESSOR =
      "{\"ProcessorConfig\": {\"Mode\": \"INLINE\"}, \"StartAt\": \"I\", \"States\": {\"I\": {\"Type\": \"Pass\", \"End\": true}}}";

  /** Items wait for their own number of seconds. */
  private static final String WAIT_PROCESSOR =
      "{\"StartAt\": \"I\", \"States\": {\"I\": {\"Type\": \"Wait\", \"SecondsPath\": \"$\", \"End\": true}}}";

  private static String map(String fields) {
    return """
        {"StartAt": "M", "States": {
          "M": {"Type": "Map", %s, "End": true},
          "Caught": {"Type": "Pass", "End": true}}}""".formatted(fields);
  }

  @Test
  void itemsPathSelectsTheArrayAndOutputsKeepItemOrder() {
    ExecutionResult r = run(map("\"ItemsPath\": \"$.items\", \"ItemProcessor\": " + PASS_PROCESSOR), "{\"items\": [3, 1, 2]}");
    assertThat(r.status()).isEqualTo("SUCCEEDED");
    assertThat(r.output()).isEqualTo(Json.parse("[3, 1, 2]"));
  }

  @Test
  void outputsFollowItemOrderNotCompletionOrder() {
    ExecutionResult r = run(map("\"ItemProcessor\": " + WAIT_PROCESSOR), "[30, 10, 20]");
    assertThat(r.output()).isEqualTo(Json.parse("[30, 10, 20]"));
    assertThat(elapsed(event(r, "MapStateExited"))).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void emptyArrayGivesAnEmptyResult() {
    ExecutionResult r = run(map("\"ItemProcessor\": " + PASS_PROCESSOR), "[]");
    assertThat(r.output()).isEqualTo(Json.parse("[]"));
    assertThat(event(r, "MapStateStarted").get("mapStateStartedEventDetails").get("length").asInt()).isZero();
  }

  @Test
  void itemSelectorSeesTheStateInputAndTheContextMapItem() {
    ExecutionResult r =
        run(map("\"ItemsPath\": \"$.items\", \"ItemSelector\": {\"i.$\": \"$$.Map.Item.Index\", \"v.$\": \"$$.Map.Item.Value\","
                + " \"tag.$\": \"$.tag\"}, \"ItemProcessor\": " + PASS_PROCESSOR),
            "{\"items\": [\"a\", \"b\"], \"tag\": \"t\"}");
    assertThat(r.output())
        .isEqualTo(Json.parse("[{\"i\": 0, \"v\": \"a\", \"tag\": \"t\"}, {\"i\": 1, \"v\": \"b\", \"tag\": \"t\"}]"));
  }

  @Test
  void legacyIteratorAndParametersWorkLikeItemProcessorAndItemSelector() {
    ExecutionResult r =
        run(map("\"ItemsPath\": \"$.items\", \"Parameters\": {\"v.$\": \"$$.Map.Item.Value\", \"i.$\": \"$$.Map.Item.Index\"},"
                + " \"Iterator\": {\"StartAt\": \"I\", \"States\": {\"I\": {\"Type\": \"Pass\", \"End\": true}}}"),
            "{\"items\": [\"x\"]}");
    assertThat(r.output()).isEqualTo(Json.parse("[{\"v\": \"x\", \"i\": 0}]"));
  }

  @Test
  void resultPathPlacesTheResultsArrayIntoTheInput() {
    ExecutionResult r =
        run(map("\"ItemsPath\": \"$.items\", \"ResultPath\": \"$.out\", \"ItemProcessor\": " + PASS_PROCESSOR), "{\"items\": [1]}");
    assertThat(r.output()).isEqualTo(Json.parse("{\"items\": [1], \"out\": [1]}"));
  }

  @Test
  void iterationEventsCarryIndexAndStateName() {
    ExecutionResult r = run(map("\"ItemProcessor\": " + PASS_PROCESSOR), "[\"HelloWorld\"]");
    assertThat(types(r))
        .containsExactly("ExecutionStarted", "MapStateEntered", "MapStateStarted", "MapIterationStarted", "PassStateEntered",
            "PassStateExited", "MapIterationSucceeded", "MapStateSucceeded", "MapStateExited", "ExecutionSucceeded");
    assertThat(event(r, "MapIterationStarted").get("mapIterationStartedEventDetails"))
        .isEqualTo(Json.parse("{\"index\": 0, \"name\": \"M\"}"));
    // MapStateSucceeded and MapStateExited both follow the last iteration event, as AWS records them
    long iterationEnd = event(r, "MapIterationSucceeded").get("id").asLong();
    assertThat(event(r, "MapStateSucceeded").get("previousEventId").asLong()).isEqualTo(iterationEnd);
    assertThat(event(r, "MapStateExited").get("previousEventId").asLong()).isEqualTo(iterationEnd);
  }

  @Test
  void maxConcurrencyOneRunsIterationsOneAfterAnother() {
    ExecutionResult r = run(map("\"MaxConcurrency\": 1, \"ItemProcessor\": " + WAIT_PROCESSOR), "[5, 7, 3]");
    List<String> iterationEvents =
        types(r).stream().filter(t -> t.startsWith("MapIteration")).toList();
    assertThat(iterationEvents)
        .containsExactly("MapIterationStarted", "MapIterationSucceeded", "MapIterationStarted", "MapIterationSucceeded",
            "MapIterationStarted", "MapIterationSucceeded");
    assertThat(elapsed(event(r, "MapStateExited"))).isEqualTo(Duration.ofSeconds(15));
    assertThat(r.output()).isEqualTo(Json.parse("[5, 7, 3]"));
  }

  @Test
  void maxConcurrencyTwoStartsTheThirdItemWhenAnEarlierOneEnds() {
    ExecutionResult r = run(map("\"MaxConcurrency\": 2, \"ItemProcessor\": " + WAIT_PROCESSOR), "[5, 7, 3]");
    ObjectNode thirdStart = Runs.events(r, "MapIterationStarted").get(2);
    assertThat(thirdStart.get("mapIterationStartedEventDetails").get("index").asInt()).isEqualTo(2);
    assertThat(elapsed(thirdStart)).isEqualTo(Duration.ofSeconds(5));
    assertThat(elapsed(event(r, "MapStateExited"))).isEqualTo(Duration.ofSeconds(8));
  }

  @Test
  void withoutMaxConcurrencyEveryIterationStartsAtOnce() {
    ExecutionResult r = run(map("\"ItemProcessor\": " + WAIT_PROCESSOR), "[5, 7, 3]");
    List<String> iterationEvents = types(r).stream().filter(t -> t.startsWith("MapIteration")).toList();
    assertThat(iterationEvents.subList(0, 3)).containsOnly("MapIterationStarted");
    assertThat(elapsed(event(r, "MapStateExited"))).isEqualTo(Duration.ofSeconds(7));
  }

  @Test
  void everyIterationTheConcurrencyAllowsStartsBeforeAnyEntersItsFirstState() {
    ExecutionResult r = run(map("\"MaxConcurrency\": 2, \"ItemProcessor\": " + WAIT_PROCESSOR), "[5, 7, 3]");
    assertThat(types(r).subList(3, 7))
        .containsExactly("MapIterationStarted", "MapIterationStarted", "WaitStateEntered", "WaitStateEntered");
    List<ObjectNode> starts = Runs.events(r, "MapIterationStarted");
    long mapStarted = event(r, "MapStateStarted").get("id").asLong();
    assertThat(starts.get(0).get("previousEventId").asLong()).isEqualTo(mapStarted);
    assertThat(starts.get(1).get("previousEventId").asLong()).isEqualTo(mapStarted);
    // each iteration's first state follows its own MapIterationStarted
    List<ObjectNode> entered = Runs.events(r, "WaitStateEntered");
    assertThat(entered.get(0).get("previousEventId")).isEqualTo(starts.get(0).get("id"));
    assertThat(entered.get(1).get("previousEventId")).isEqualTo(starts.get(1).get("id"));
  }

  @Test
  void aFailedIterationAbortsTheOthersAfterItsFailureEvent() {
    String processor = "{\"StartAt\": \"C\", \"States\": {"
        + "\"C\": {\"Type\": \"Choice\", \"Choices\": [{\"Variable\": \"$\", \"StringEquals\": \"fail\", \"Next\": \"T\"}], \"Default\": \"W\"},"
        + "\"T\": {\"Type\": \"Task\", \"Resource\": \"" + Runs.LAMBDA_INVOKE + "\", \"End\": true},"
        + "\"W\": {\"Type\": \"Wait\", \"Seconds\": 60, \"End\": true}}}";
    ExecutionResult r = run(map("\"ItemProcessor\": " + processor), "[\"fail\", \"wait\", \"wait\"]",
        new Runs.ScriptedTasks(Runs.failure("Boom", "bad")));

    assertThat(r.error()).isEqualTo("Boom");
    long failure = event(r, "TaskFailed").get("id").asLong();
    List<String> afterFailure = types(r).subList(types(r).indexOf("TaskFailed") + 1, types(r).size());
    assertThat(afterFailure).containsExactly("MapIterationFailed", "WaitStateAborted", "MapIterationAborted",
        "WaitStateAborted", "MapIterationAborted", "TaskStateAborted", "MapStateFailed", "ExecutionFailed");
    List<ObjectNode> linked = r.history().stream()
        .filter(e -> e.get("type").asText().endsWith("Aborted") || e.get("type").asText().equals("MapStateFailed")).toList();
    assertThat(linked).hasSize(6).allSatisfy(e -> assertThat(e.get("previousEventId").asLong()).isEqualTo(failure));
    assertThat(Runs.events(r, "MapIterationAborted").get(1).get("mapIterationAbortedEventDetails"))
        .isEqualTo(Json.parse("{\"index\": 2, \"name\": \"M\"}"));
    assertThat(Runs.events(r, "WaitStateAborted").get(0).has("stateExitedEventDetails")).isFalse();
  }

  @Test
  void failingIterationFailsTheMapWithItsError() {
    ExecutionResult r =
        run(map("\"ItemProcessor\": {\"StartAt\": \"I\", \"States\": {\"I\": {\"Type\": \"Fail\", \"Error\": \"ItemError\", \"Cause\": \"c\"}}}"),
            "[1]");
    assertThat(r.status()).isEqualTo("FAILED");
    assertThat(r.error()).isEqualTo("ItemError");
    assertThat(r.cause()).isEqualTo("c");
    assertThat(types(r)).contains("MapIterationFailed", "MapStateFailed").doesNotContain("MapStateExited");
  }

  @Test
  void catchOnTheMapHandlesAnIterationError() {
    ExecutionResult r =
        run(map("\"Catch\": [{\"ErrorEquals\": [\"States.ALL\"], \"Next\": \"Caught\"}],"
                + " \"ItemProcessor\": {\"StartAt\": \"I\", \"States\": {\"I\": {\"Type\": \"Fail\", \"Error\": \"ItemError\"}}}"),
            "[1]");
    assertThat(r.status()).isEqualTo("SUCCEEDED");
    assertThat(r.output()).isEqualTo(Json.parse("{\"Error\": \"ItemError\", \"Cause\": null}"));
  }

  @Test
  void itemsThatAreNotAnArrayFailWithStatesRuntime() {
    ExecutionResult r = run(map("\"ItemsPath\": \"$.items\", \"ItemProcessor\": " + PASS_PROCESSOR), "{\"items\": \"text\"}");
    assertThat(r.status()).isEqualTo("FAILED");
    assertThat(r.error()).isEqualTo("States.Runtime");
    assertThat(r.cause()).startsWith(prefix("M", 2));
  }

  @Test
  void itemsPathThatFindsNothingFailsWithInvalidPathText() {
    ExecutionResult r = run(map("\"ItemsPath\": \"$.nope\", \"ItemProcessor\": " + PASS_PROCESSOR), "{\"items\": []}");
    assertThat(r.error()).isEqualTo("States.Runtime");
    assertThat(r.cause()).isEqualTo(prefix("M", 2) + "Invalid path '$.nope' : No results for path: $['nope']");
  }

  // ---------------------------------------------------------------- tolerated failures (distributed)

  /** A distributed Map whose items fail when they are the string "fail". */
  private static String distributed(String tolerance) {
    return map(tolerance + "\"ItemProcessor\": {\"ProcessorConfig\": {\"Mode\": \"DISTRIBUTED\", \"ExecutionType\": \"STANDARD\"},"
        + " \"StartAt\": \"C\", \"States\": {"
        + "\"C\": {\"Type\": \"Choice\", \"Choices\": [{\"Variable\": \"$\", \"StringEquals\": \"fail\", \"Next\": \"F\"}], \"Default\": \"OK\"},"
        + "\"F\": {\"Type\": \"Fail\", \"Error\": \"ItemError\"}, \"OK\": {\"Type\": \"Pass\", \"End\": true}}}");
  }

  @Test
  void failuresUpToToleratedFailureCountLetTheMapSucceed() {
    ExecutionResult r = run(distributed("\"ToleratedFailureCount\": 1, "), "[\"ok\", \"fail\", \"ok\"]");
    assertThat(r.status()).isEqualTo("SUCCEEDED");
    assertThat(types(r)).contains("MapRunStarted", "MapRunSucceeded");
  }

  @Test
  void failuresBeyondToleratedFailureCountFailWithExceedToleratedFailureThreshold() {
    ExecutionResult r = run(distributed("\"ToleratedFailureCount\": 1, "), "[\"fail\", \"fail\", \"ok\"]");
    assertThat(r.status()).isEqualTo("FAILED");
    assertThat(r.error()).isEqualTo("States.ExceedToleratedFailureThreshold");
    assertThat(types(r)).contains("MapRunFailed", "MapStateFailed");
  }

  @Test
  void failuresUpToToleratedFailurePercentageLetTheMapSucceed() {
    ExecutionResult r = run(distributed("\"ToleratedFailurePercentage\": 34, "), "[\"ok\", \"fail\", \"ok\"]");
    assertThat(r.status()).isEqualTo("SUCCEEDED");
  }

  @Test
  void failuresBeyondToleratedFailurePercentageFailTheMap() {
    ExecutionResult r = run(distributed("\"ToleratedFailurePercentage\": 30, "), "[\"ok\", \"fail\", \"ok\"]");
    assertThat(r.status()).isEqualTo("FAILED");
    assertThat(r.error()).isEqualTo("States.ExceedToleratedFailureThreshold");
  }

  @Test
  void toleratedFailureCountPathMustBeAnInteger() {
    ExecutionResult r =
        run(distributed("\"ToleratedFailureCountPath\": \"$.n\", \"ItemsPath\": \"$.items\", "), "{\"n\": \"NoNumber\", \"items\": []}");
    assertThat(r.error()).isEqualTo("States.Runtime");
    assertThat(r.cause())
        .isEqualTo(prefix("M", 2) + "The ToleratedFailureCountPath field refers to value \"NoNumber\" which is not a valid integer: $.n");
  }

  @Test
  void toleratedFailurePercentageAbove100Fails() {
    ExecutionResult r =
        run(distributed("\"ToleratedFailurePercentagePath\": \"$.p\", \"ItemsPath\": \"$.items\", "), "{\"p\": 100.1, \"items\": []}");
    assertThat(r.error()).isEqualTo("States.Runtime");
    assertThat(r.cause()).isEqualTo(prefix("M", 2) + "ToleratedFailurePercentage must be between 0 and 100.");
  }

  @Test
  void distributedIterationsKeepTheirEventsOutOfTheParentHistory() {
    ExecutionResult r = run(distributed(""), "[\"ok\"]");
    assertThat(types(r))
        .containsExactly("ExecutionStarted", "MapStateEntered", "MapStateStarted", "MapRunStarted", "MapRunSucceeded",
            "MapStateSucceeded", "MapStateExited", "ExecutionSucceeded");
    assertThat(event(r, "MapRunStarted").get("mapRunStartedEventDetails").get("mapRunArn").asText())
        .startsWith("arn:aws:states:us-east-1:111111111111:mapRun:Machine/");
  }
}
