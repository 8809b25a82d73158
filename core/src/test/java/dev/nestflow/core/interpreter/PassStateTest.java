package dev.nestflow.core.interpreter;

import static dev.nestflow.core.interpreter.Runs.run;
import static dev.nestflow.core.interpreter.Runs.single;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nestflow.core.json.Json;
import org.junit.jupiter.api.Test;

class PassStateTest {

  @Test
  void passWithoutResultOutputsItsInput() {
    ExecutionResult r = run(single("{\"Type\": \"Pass\", \"End\": true}"), "{\"a\": 1}");
    assertThat(r.status()).isEqualTo("SUCCEEDED");
    assertThat(r.output()).isEqualTo(Json.parse("{\"a\": 1}"));
  }

  @Test
  void resultReplacesTheInputByDefault() {
    ExecutionResult r = run(single("{\"Type\": \"Pass\", \"Result\": {\"x\": true}, \"End\": true}"), "{\"a\": 1}");
    assertThat(r.output()).isEqualTo(Json.parse("{\"x\": true}"));
  }

  @Test
  void parametersTakeValuesFromDollarKeysAndCopyTheRest() {
    ExecutionResult r =
        run(
            single(
                """
                {"Type": "Pass", "Parameters": {"lit": "v", "copied.$": "$.a", "nested": {"n.$": "$.b[1]"},
                 "name.$": "$$.State.Name", "fmt.$": "States.Format('a={}', $.a)"}, "End": true}"""),
            "{\"a\": 1, \"b\": [10, 20]}");
    assertThat(r.output())
        .isEqualTo(Json.parse("{\"lit\": \"v\", \"copied\": 1, \"nested\": {\"n\": 20}, \"name\": \"S\", \"fmt\": \"a=1\"}"));
  }

  @Test
  void inputPathSelectsWhatParametersRead() {
    ExecutionResult r =
        run(single("{\"Type\": \"Pass\", \"InputPath\": \"$.inner\", \"Parameters\": {\"v.$\": \"$.v\"}, \"End\": true}"),
            "{\"inner\": {\"v\": 5}}");
    assertThat(r.output()).isEqualTo(Json.parse("{\"v\": 5}"));
  }

  @Test
  void parametersPathThatFindsNothingFailsWithAwsText() {
    ExecutionResult r = run(single("{\"Type\": \"Pass\", \"Parameters\": {\"value.$\": \"$.missing\"}, \"End\": true}"), "{\"a\": 1}");
    assertThat(r.status()).isEqualTo("FAILED");
    assertThat(r.error()).isEqualTo("States.Runtime");
    assertThat(r.cause())
        .isEqualTo(Runs.prefix("S", 2)
            + "The JSONPath '$.missing' specified for the field 'value.$' could not be found in the input '{\"a\":1}'");
  }

  @Test
  void resultPathPlacesTheResultInsideTheInput() {
    ExecutionResult r =
        run(single("{\"Type\": \"Pass\", \"Result\": \"r\", \"ResultPath\": \"$.res\", \"End\": true}"), "{\"a\": 1}");
    assertThat(r.output()).isEqualTo(Json.parse("{\"a\": 1, \"res\": \"r\"}"));
  }

  @Test
  void resultPathCreatesMissingObjectsOnTheWay() {
    ExecutionResult r =
        run(single("{\"Type\": \"Pass\", \"Result\": 7, \"ResultPath\": \"$.x.y.z\", \"End\": true}"), "{\"a\": 1}");
    assertThat(r.output()).isEqualTo(Json.parse("{\"a\": 1, \"x\": {\"y\": {\"z\": 7}}}"));
  }

  @Test
  void resultPathOverwritesAnExistingField() {
    ExecutionResult r =
        run(single("{\"Type\": \"Pass\", \"Result\": 7, \"ResultPath\": \"$.a\", \"End\": true}"), "{\"a\": 1, \"b\": 2}");
    assertThat(r.output()).isEqualTo(Json.parse("{\"a\": 7, \"b\": 2}"));
  }

  @Test
  void resultPathDollarReplacesTheInput() {
    ExecutionResult r = run(single("{\"Type\": \"Pass\", \"Result\": [1], \"ResultPath\": \"$\", \"End\": true}"), "{\"a\": 1}");
    assertThat(r.output()).isEqualTo(Json.parse("[1]"));
  }

  @Test
  void resultPathNullDiscardsTheResultAndKeepsTheInput() {
    ExecutionResult r =
        run(single("{\"Type\": \"Pass\", \"Result\": {\"x\": 1}, \"ResultPath\": null, \"End\": true}"), "{\"a\": 1}");
    assertThat(r.output()).isEqualTo(Json.parse("{\"a\": 1}"));
  }

  @Test
  void resultPathIntoAScalarInputFailsWithResultPathMatchFailure() {
    ExecutionResult r = run(single("{\"Type\": \"Pass\", \"Result\": 1, \"ResultPath\": \"$.x\", \"End\": true}"), "\"text\"");
    assertThat(r.status()).isEqualTo("FAILED");
    assertThat(r.error()).isEqualTo("States.ResultPathMatchFailure");
  }

  @Test
  void outputPathSelectsPartOfTheCombinedResult() {
    ExecutionResult r =
        run(single("{\"Type\": \"Pass\", \"Result\": {\"k\": 3}, \"ResultPath\": \"$.r\", \"OutputPath\": \"$.r.k\", \"End\": true}"),
            "{\"a\": 1}");
    assertThat(r.output()).isEqualTo(Json.parse("3"));
  }

  @Test
  void outputPathNullGivesAnEmptyObject() {
    ExecutionResult r = run(single("{\"Type\": \"Pass\", \"OutputPath\": null, \"End\": true}"), "{\"a\": 1}");
    assertThat(r.output()).isEqualTo(Json.object());
  }

  @Test
  void inputPathNullGivesParametersAnEmptyObject() {
    ExecutionResult r =
        run(single("{\"Type\": \"Pass\", \"InputPath\": null, \"Parameters\": {\"in.$\": \"$\"}, \"End\": true}"), "{\"a\": 1}");
    assertThat(r.output()).isEqualTo(Json.parse("{\"in\": {}}"));
  }

  @Test
  void outputPathThatFindsNothingFailsWithInvalidPathText() {
    ExecutionResult r = run(single("{\"Type\": \"Pass\", \"OutputPath\": \"$.nope\", \"End\": true}"), "{\"a\": 1}");
    assertThat(r.error()).isEqualTo("States.Runtime");
    assertThat(r.cause()).isEqualTo(Runs.prefix("S", 2) + "Invalid path '$.nope' : No results for path: $['nope']");
  }

  @Test
  void passStatesChainThroughNext() {
    ExecutionResult r =
        run(
            """
            {"StartAt": "A", "States": {
              "A": {"Type": "Pass", "Result": 1, "ResultPath": "$.a", "Next": "B"},
              "B": {"Type": "Pass", "Result": 2, "ResultPath": "$.b", "End": true}}}""",
            "{}");
    assertThat(r.output()).isEqualTo(Json.parse("{\"a\": 1, \"b\": 2}"));
  }
}
