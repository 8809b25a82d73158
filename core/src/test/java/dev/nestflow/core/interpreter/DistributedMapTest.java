package dev.nestflow.core.interpreter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nestflow.core.errors.StatesException;
import dev.nestflow.core.json.Json;
import dev.nestflow.core.states.StateMachineParser;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A distributed Map hands its items to a map run (an effect) and waits for its answer; in-process,
 * the map run runs each item as a child execution with a history of its own.
 */
class DistributedMapTest {

  private static String distributedMap(String extra, String processorState) {
    return """
        {"StartAt": "M", "States": {"M": {"Type": "Map",
          "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                            "StartAt": "P", "States": {"P": %s}},
          %s
          "Label": "Lbl",
          "End": true}}}
        """.formatted(processorState, extra);
  }

  private static final String PASS = "{\"Type\": \"Pass\", \"End\": true}";
  private static final String TASK = "{\"Type\": \"Task\", \"Resource\": \"" + Runs.LAMBDA_ARN + "\", \"End\": true}";

  private static ExecutionResult run(String definition, String input, TaskHandler tasks, List<InProcessMapRuns.ChildRun> children) {
    MapRunHandler handler = new InProcessMapRuns().listening(children::add);
    return new VirtualTimeRunner(tasks, null, handler)
        .run(StateMachineParser.parse(Json.parse(definition)), Runs.identity(), Json.parse(input), null, Environment.of(new Random(1)));
  }

  @Test
  void eachItemRunsAsAChildExecutionWithItsOwnHistoryNamedAfterTheMapRun() {
    List<InProcessMapRuns.ChildRun> children = new ArrayList<>();
    ExecutionResult r = run(distributedMap("\"ItemSelector\": {\"v.$\": \"$$.Map.Item.Value\", \"i.$\": \"$$.Map.Item.Index\"},", PASS),
        "[\"a\", \"b\"]", Runs.NO_TASKS, children);

    assertThat(r.status()).isEqualTo("SUCCEEDED");
    assertThat(r.output().toString()).isEqualTo("[{\"v\":\"a\",\"i\":0},{\"v\":\"b\",\"i\":1}]");
    assertThat(Runs.types(r)).containsExactly("ExecutionStarted", "MapStateEntered", "MapStateStarted", "MapRunStarted",
        "MapRunSucceeded", "MapStateSucceeded", "MapStateExited", "ExecutionSucceeded");
    String mapRunArn = r.history().get(3).path("mapRunStartedEventDetails").path("mapRunArn").asText();
    assertThat(mapRunArn).matches("arn:aws:states:us-east-1:111111111111:mapRun:Machine/Lbl:[0-9a-f-]{36}");
    assertThat(children).hasSize(2);
    assertThat(children.get(0).executionArn())
        .matches("arn:aws:states:us-east-1:111111111111:execution:Machine/Lbl:[0-9a-f-]{36}");
    assertThat(children.get(0).stateMachineArn()).isEqualTo("arn:aws:states:us-east-1:111111111111:stateMachine:Machine/Lbl");
    assertThat(children.get(1).result().history()).extracting(e -> e.path("type").asText())
        .containsExactly("ExecutionStarted", "PassStateEntered", "PassStateExited", "ExecutionSucceeded");
    assertThat(children.get(1).input()).isEqualTo("{\"v\":\"b\",\"i\":1}");
  }

  @Test
  void aChildFailureWithoutToleranceFailsTheMapRunWithTheChildsError() {
    TaskHandler failing = task -> {
      throw new StatesException("Boom", "bad item");
    };
    ExecutionResult r = run(distributedMap("", TASK), "[1, 2, 3]", failing, new ArrayList<>());

    assertThat(r.status()).isEqualTo("FAILED");
    assertThat(r.error()).isEqualTo("Boom");
    assertThat(Runs.types(r)).contains("MapRunFailed", "MapStateFailed");
    assertThat(r.history()).filteredOn(e -> e.path("type").asText().equals("MapRunFailed"))
        .first().satisfies(e -> assertThat(e.path("mapRunFailedEventDetails").path("error").asText()).isEqualTo("Boom"));
  }

  @Test
  void failuresPastTheToleratedCountFailWithExceedToleratedFailureThreshold() {
    int[] calls = {0};
    TaskHandler everyOtherFails = task -> {
      if (calls[0]++ % 2 == 0) {
        throw new StatesException("Boom", null);
      }
      return Json.parse("\"ok\"");
    };
    List<InProcessMapRuns.ChildRun> children = new ArrayList<>();
    ExecutionResult r = run(distributedMap("\"ToleratedFailureCount\": 1,", TASK), "[1, 2, 3, 4]", everyOtherFails, children);

    assertThat(r.status()).isEqualTo("FAILED");
    assertThat(r.error()).isEqualTo("States.ExceedToleratedFailureThreshold");
    assertThat(r.cause()).isEqualTo("The specified tolerated failure threshold was exceeded");
    assertThat(children).hasSize(3); // the second failure ends the map run: the fourth item never starts
  }

  @Test
  void failuresWithinTheToleratedPercentageLeaveNullOutputs() {
    int[] calls = {0};
    TaskHandler firstFails = task -> {
      if (calls[0]++ == 0) {
        throw new StatesException("Boom", null);
      }
      return Json.parse("\"ok\"");
    };
    ExecutionResult r = run(distributedMap("\"ToleratedFailurePercentage\": 50,", TASK), "[1, 2]", firstFails, new ArrayList<>());

    assertThat(r.status()).isEqualTo("SUCCEEDED");
    assertThat(r.output().toString()).isEqualTo("[null,\"ok\"]");
  }

  @ParameterizedTest
  @ValueSource(strings = {"ItemReader", "ItemBatcher", "ResultWriter"})
  void withoutItemIoAFieldThatNeedsItFailsTheMapRunNamingIt(String field) {
    String value = switch (field) {
      case "ItemReader" -> "{\"Resource\": \"arn:aws:states:::s3:getObject\", \"ReaderConfig\": {\"InputType\": \"JSON\"},"
          + " \"Parameters\": {\"Bucket\": \"b\", \"Key\": \"items.json\"}}";
      case "ItemBatcher" -> "{\"MaxItemsPerBatch\": 2}";
      default -> "{\"Resource\": \"arn:aws:states:::s3:putObject\", \"Parameters\": {\"Bucket\": \"b\", \"Prefix\": \"out\"}}";
    };
    ExecutionResult r = Runs.run(distributedMap("\"" + field + "\": " + value + ",", PASS), "[1, 2, 3]");

    assertThat(r.status()).isEqualTo("FAILED");
    assertThat(r.error()).isEqualTo("States.Runtime");
    assertThat(r.cause()).contains("'" + field + "'");
    assertThat(Runs.types(r)).contains("MapRunFailed").doesNotContain("PassStateEntered");
  }

  @Test
  void stoppingTheParentAbortsTheMapRun() {
    Execution ex = new Execution(StateMachineParser.parse(Json.parse(distributedMap("", PASS))), Runs.identity(),
        Json.parse("[1]"), null, Environment.of(new Random(1)));
    List<Effect> started = ex.start(Runs.START);
    Effect.StartMapRun run = (Effect.StartMapRun) started.stream().filter(e -> e instanceof Effect.StartMapRun).findFirst().orElseThrow();

    List<Effect> stopped = ex.deliver(new Signal.Stop("E", "C"), Instant.parse("2026-01-01T00:00:01Z"));

    assertThat(stopped).contains(new Effect.StopMapRun(run.key(), run.request().mapRunArn()));
    assertThat(Runs.types(ex.result())).endsWith("MapRunAborted", "ExecutionAborted");
  }

  @Test
  void theToleranceRuleIsAwssCountOrPercentage() {
    assertThat(MapRunRequest.exceeds(1, 10, 0, 0)).isTrue();
    assertThat(MapRunRequest.exceeds(0, 10, 0, 0)).isFalse();
    assertThat(MapRunRequest.exceeds(2, 10, 2, 0)).isFalse();
    assertThat(MapRunRequest.exceeds(3, 10, 2, 0)).isTrue();
    assertThat(MapRunRequest.exceeds(3, 10, 0, 30)).isFalse();
    assertThat(MapRunRequest.exceeds(4, 10, 0, 30)).isTrue();
  }

  private static MapRunRequest requestOf(String definition, String input) {
    MapRunRequest[] seen = new MapRunRequest[1];
    InProcessMapRuns capture = new InProcessMapRuns(r -> {
      seen[0] = r;
      return List.of();
    }, (r, tally, children) -> Json.array(), null, child -> {});
    new VirtualTimeRunner(Runs.NO_TASKS, null, capture)
        .run(StateMachineParser.parse(Json.parse(definition)), Runs.identity(), Json.parse(input), null, Environment.of(new Random(1)));
    return seen[0];
  }

  @Test
  void theItemReaderBatcherAndWriterReachTheMapRunResolvedAgainstTheInput() {
    MapRunRequest r = requestOf(distributedMap("""
        "ItemReader": {"Resource": "arn:aws:states:::s3:getObject",
          "ReaderConfig": {"InputType": "CSV", "CSVHeaderLocation": "FIRST_ROW", "MaxItemsPath": "$.max"},
          "Parameters": {"Bucket.$": "$.bucket", "Key": "rows.csv"}},
        "ItemBatcher": {"MaxItemsPerBatchPath": "$.batch", "BatchInput": {"from.$": "$.bucket"}},
        "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject", "Parameters": {"Bucket.$": "$.bucket", "Prefix": "out"}},
        "MaxConcurrency": 7,
        """, PASS), "{\"bucket\": \"b1\", \"max\": \"5\", \"batch\": 2}");

    assertThat(r.items()).isNull();
    assertThat(r.itemReader().toString()).isEqualTo("{\"Resource\":\"arn:aws:states:::s3:getObject\","
        + "\"ReaderConfig\":{\"InputType\":\"CSV\",\"CSVHeaderLocation\":\"FIRST_ROW\",\"MaxItems\":5},"
        + "\"Parameters\":{\"Bucket\":\"b1\",\"Key\":\"rows.csv\"}}");
    assertThat(r.itemBatcher().toString()).isEqualTo("{\"MaxItemsPerBatch\":2,\"BatchInput\":{\"from\":\"b1\"}}");
    assertThat(r.resultWriter().path("Parameters").path("Bucket").asText()).isEqualTo("b1");
    assertThat(r.maxConcurrency()).isEqualTo(7);
    assertThat(r.executionType()).isEqualTo("STANDARD");
    assertThat(r.processorDefinition().has("ProcessorConfig")).isFalse();
    assertThat(r.label()).isEqualTo("Lbl");
  }

  @Test
  void jsonataFieldsOfTheItemReaderAreEvaluated() {
    String definition = """
        {"QueryLanguage": "JSONata", "StartAt": "M", "States": {"M": {"Type": "Map",
          "ItemReader": {"Resource": "arn:aws:states:::s3:listObjectsV2",
                         "Arguments": {"Bucket": "{% $states.input.bucket %}", "Prefix": "in/"}},
          "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"},
                            "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}},
          "End": true}}}
        """;
    MapRunRequest r = requestOf(definition, "{\"bucket\": \"b2\"}");

    assertThat(r.itemReader().path("Arguments").toString()).isEqualTo("{\"Bucket\":\"b2\",\"Prefix\":\"in/\"}");
    assertThat(r.express()).isTrue();
    assertThat(r.processorDefinition().path("QueryLanguage").asText()).isEqualTo("JSONata");
    assertThat(r.childExecutionArn(0)).startsWith("arn:aws:states:us-east-1:111111111111:express:Machine/");
  }
}
