package dev.nestflow.core.jsonata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nestflow.core.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DashjoinEngineTest {
  private final JsonataEngine engine = new DashjoinEngine();

  private JsonNode eval(String expression, Map<String, JsonNode> vars) {
    return engine.compile(expression).evaluate(new JsonataBindings(vars, new Random(1), Instant.EPOCH));
  }

  @Test
  void variablesAreBoundByNameAndNullStaysApartFromUndefined() {
    Map<String, JsonNode> vars = Map.of("states", Json.parse("{\"input\":{\"a\":null,\"b\":[1,2]}}"));
    assertThat(eval("$states.input.a", vars).isNull()).isTrue();
    assertThat(eval("$states.input.missing", vars)).isNull();
    assertThat(eval("$sum($states.input.b)", vars)).isEqualTo(Json.parse("3"));
  }

  @Test
  void wholeNumbersComeBackWithoutAFraction() {
    assertThat(Json.write(eval("4 / 2", Map.of()))).isEqualTo("2");
    assertThat(Json.write(eval("1 / 4", Map.of()))).isEqualTo("0.25");
  }

  @Test
  void aFunctionResultIsUnsupported() {
    assertThatThrownBy(() -> eval("function($x){$x}", Map.of()))
        .isInstanceOfSatisfying(
            JsonataException.class, e -> assertThat(e.kind()).isEqualTo(JsonataException.Kind.UNSUPPORTED_RESULT));
  }

  @Test
  void evaluationErrorsKeepTheJsonataCode() {
    assertThatThrownBy(() -> eval("$nothing(1)", Map.of()))
        .isInstanceOfSatisfying(JsonataException.class, e -> assertThat(e.describe()).isEqualTo("T1006: Attempted to invoke a non-function"));
  }

  @Test
  void signatureErrorsUseJsonataWording() {
    assertThatThrownBy(() -> eval("$uppercase(1)", Map.of()))
        .hasMessage("Argument 1 of function \"uppercase\" does not match function signature");
    assertThatThrownBy(() -> eval("$split('a,b', ',', -1)", Map.of()))
        .hasMessage("Third argument of split function must evaluate to a positive number");
  }

  @Test
  void syntaxErrorsAreReportedAtCompileTime() {
    assertThatThrownBy(() -> engine.compile("1 +"))
        .isInstanceOfSatisfying(JsonataException.class, e -> assertThat(e.kind()).isEqualTo(JsonataException.Kind.SYNTAX));
  }

  @Test
  void theCacheParsesEachTextOnce() {
    assertThat(Jsonata.compile("$x + 1")).isSameAs(Jsonata.compile("$x + 1"));
  }

  @Test
  void unwrapNeedsTheDelimitersAtBothEnds() {
    assertThat(Jsonata.unwrap("{% $a %}")).isEqualTo("$a");
    assertThat(Jsonata.unwrap(" {% $a %}")).isNull();
    assertThat(Jsonata.unwrap("$a")).isNull();
  }

  @Test
  void anExpressionTextIsParsedOnceHoweverOftenItIsCompiled() {
    String text = "$states.input.a + 1";
    assertThat(Jsonata.compile(text)).isSameAs(Jsonata.compile(text));
  }

  @Test
  void evalIsNotAvailableAsOnAwsWhichOffersParseInstead() {
    assertThatThrownBy(() -> eval("$eval('1 + 1')", Map.of()))
        .isInstanceOfSatisfying(JsonataException.class, e -> assertThat(e.describe()).isEqualTo("T1006: Attempted to invoke a non-function"));
    assertThat(eval("$parse('[1]')", Map.of())).isEqualTo(Json.parse("[1]"));
  }

  @Test
  void endlessTailRecursionStopsAtTheTimeBound() {
    // without a bound this loops forever: the library runs tail calls in constant stack
    JsonataException e = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> catchThrowableOfType(
        () -> eval("($f := function($n){ $f($n + 1) }; $f(0))", Map.of()), JsonataException.class));
    assertThat(e.kind()).isEqualTo(JsonataException.Kind.EVALUATION);
    assertThat(e.describe()).isEqualTo("U1001: Expression evaluation timeout: Check for infinite loop");
  }

  @Test
  void endlessDeepRecursionStopsAtTheDepthBoundOnASmallStack() throws Exception {
    // a Lambda or serve worker thread has a small stack; the depth bound comes before its end
    JsonataException[] caught = new JsonataException[1];
    Thread worker = new Thread(null, () -> caught[0] = catchThrowableOfType(
        () -> eval("($f := function($n){ 1 + $f($n + 1) }; $f(0))", Map.of()), JsonataException.class), "small-stack", 1 << 20);
    worker.start();
    worker.join();
    assertThat(caught[0].describe())
        .isEqualTo("U1001: Stack overflow error: Check for non-terminating recursive function.  Consider rewriting as tail-recursive.");
  }

  @Test
  void boundedRecursionOfAFewHundredLevelsStillWorks() {
    assertThat(eval("($f := function($n){ $n = 0 ? 0 : 1 + $f($n - 1) }; $f(200))", Map.of())).isEqualTo(Json.parse("200"));
  }
}
