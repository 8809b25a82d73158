package dev.nestflow.core.jsonata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nestflow.core.json.Json;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JsonataTemplatesTest {
  private static final JsonataBindings BINDINGS =
      new JsonataBindings(Map.of("x", Json.parse("5")), new Random(1), Instant.EPOCH);

  @Test
  void evaluatesExpressionStringsAtAnyDepthAndKeepsEverythingElse() {
    var template = Json.parse("{\"a\":\"{% $x * 2 %}\",\"b\":[\"{% $x %}\",\"$x\",3],\"c\":{\"d\":\"plain\"}}");
    assertThat(JsonataTemplates.evaluate(template, "Output", BINDINGS))
        .isEqualTo(Json.parse("{\"a\":10,\"b\":[5,\"$x\",3],\"c\":{\"d\":\"plain\"}}"));
  }

  @Test
  void undefinedNamesTheFieldPath() {
    assertThatThrownBy(() -> JsonataTemplates.evaluate(Json.parse("{\"result\":\"{% $doesNotExist %}\"}"), "Output", BINDINGS))
        .isInstanceOfSatisfying(
            FieldEvaluationException.class,
            e -> {
              assertThat(e.location()).isEqualTo("Output/result");
              assertThat(e.getMessage())
                  .isEqualTo(
                      "The JSONata expression '$doesNotExist' specified for the field 'Output/result' returned nothing (undefined).");
            });
  }

  @Test
  void evaluationErrorsQuoteTheCodeAndMessage() {
    assertThatThrownBy(() -> JsonataTemplates.evaluate(Json.parse("\"{% $randomSeeded(1) %}\""), "Output/FunctionResult", BINDINGS))
        .hasMessage(
            "The JSONata expression '$randomSeeded(1)' specified for the field 'Output/FunctionResult' threw an error during"
                + " evaluation. T1006: Attempted to invoke a non-function");
  }

  @Test
  void functionsAreAnUnsupportedResultType() {
    assertThatThrownBy(() -> JsonataTemplates.evaluate(Json.parse("\"{% $fn := function($x){$x} %}\""), "Items", BINDINGS))
        .hasMessage("The JSONata expression '$fn := function($x){$x}' specified for the field 'Items' returned an unsupported result type.");
  }

  @Test
  void unexpectedTypeNamesExpectedAndActual() {
    assertThat(JsonataTemplates.unexpectedType("1", "Items", "array", Json.parse("1")).getMessage())
        .isEqualTo(
            "The JSONata expression '1' specified for the field 'Items' returned an unexpected result type. Expected 'array',"
                + " but was 'number' for value: 1");
  }
}
