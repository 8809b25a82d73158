package dev.nestflow.core.interpreter;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A distributed Map's ItemReader, ItemBatcher and ResultWriter are not run by nestflow: the state
 * fails naming the field rather than iterating its input and returning a wrong result.
 */
class MapUnsupportedFieldsTest {

  private static String distributedMap(String field, String value) {
    return """
        {"StartAt": "M", "States": {"M": {"Type": "Map",
          "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                            "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}},
          "%s": %s,
          "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Caught"}],
          "End": true},
          "Caught": {"Type": "Pass", "End": true}}}
        """.formatted(field, value);
  }

  @ParameterizedTest
  @ValueSource(strings = {"ItemReader", "ItemBatcher", "ResultWriter"})
  void distributedMapWithAFieldNestflowDoesNotRunFailsTheExecutionNamingIt(String field) {
    String value = switch (field) {
      case "ItemReader" -> "{\"Resource\": \"arn:aws:states:::s3:getObject\", \"ReaderConfig\": {\"InputType\": \"JSON\"},"
          + " \"Parameters\": {\"Bucket\": \"b\", \"Key\": \"items.json\"}}";
      case "ItemBatcher" -> "{\"MaxItemsPerBatch\": 2}";
      default -> "{\"Resource\": \"arn:aws:states:::s3:putObject\", \"Parameters\": {\"Bucket\": \"b\", \"Prefix\": \"out\"}}";
    };

    ExecutionResult r = Runs.run(distributedMap(field, value), "[1, 2, 3]");

    assertThat(r.status()).isEqualTo("FAILED");
    assertThat(r.error()).isEqualTo("States.Runtime");
    assertThat(r.cause())
        .startsWith("An error occurred while executing the state 'M' (entered at the event id #2). ")
        .contains("'" + field + "' is not supported by nestflow yet");
    assertThat(Runs.types(r)).doesNotContain("MapStateStarted", "MapIterationStarted", "PassStateEntered");
  }

  @Test
  void distributedMapWithoutThoseFieldsStillIteratesItsInput() {
    String definition = """
        {"StartAt": "M", "States": {"M": {"Type": "Map",
          "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                            "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}},
          "End": true}}}
        """;

    ExecutionResult r = Runs.run(definition, "[1, 2, 3]");

    assertThat(r.status()).isEqualTo("SUCCEEDED");
    assertThat(r.output().toString()).isEqualTo("[1,2,3]");
  }
}
