package dev.nestflow.core.intrinsics;

import static dev.nestflow.core.intrinsics.Intrinsics.eval;
import static dev.nestflow.core.intrinsics.Intrinsics.failure;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nestflow.core.json.Json;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FormatTest {

  private static String format(String template, String valueJson) {
    return eval("States.Format('" + template + "', $.v)", "{\"v\": " + valueJson + "}").textValue();
  }

  @Test
  void formatReplacesEachPlaceholderInOrder() {
    assertThat(eval("States.Format('fst={} and snd={}.', $.a, $.b)", "{\"a\": \"x\", \"b\": 2}").textValue())
        .isEqualTo("fst=x and snd=2.");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "\"\"                        | arg .",
        "\" \"                       | arg  .",
        "\"HelloWorld\"              | arg HelloWorld.",
        "null                        | arg null.",
        "1                           | arg 1.",
        "1.1                         | arg 1.1.",
        "true                        | arg true.",
        "\"{\\\"Arg1\\\": 1}\"       | arg {\"Arg1\": 1}.",
        "{\"Arg1\": 1, \"Arg2\": []} | arg {Arg1=1, Arg2=[]}.",
        "[1, \"a\", [null], {}]      | arg [1, a, [null], {}].",
        "1.0                         | arg 1.0.",
        "1e5                         | arg 100000.0.",
        "12345678901234567890123     | arg 12345678901234567890123.",
      })
  void formatRendersValuesLikeAwsJavaRuntime(String valueJson, String expected) {
    assertThat(format("arg {}.", valueJson)).isEqualTo(expected);
  }

  @Test
  void formatPrintsContextObjectsAsKeyEqualsValue() {
    JsonPathResolver paths =
        new JsonPathResolver(
            Json.object(),
            Json.parse("{\"Execution\": {\"Name\": \"exec\"}, \"StateMachine\": {\"Id\": \"arn:sm\", \"Name\": \"sm\"}}"),
            Map.of());
    String out =
        IntrinsicParser.parse("States.Format('fst={} and snd={}.', $$.Execution.Name, $$.StateMachine)")
            .evaluate(paths, new SplittableRandom(1))
            .textValue();
    assertThat(out).isEqualTo("fst=exec and snd={Id=arn:sm, Name=sm}.");
  }

  @Test
  void formatTreatsEscapedBracesInALiteralTemplateAsText() {
    assertThat(eval("States.Format('\\{\\} {} \\\\ it\\'s', 'x')").textValue()).isEqualTo("{} x \\ it's");
  }

  @Test
  void formatTakesItsTemplateFromAPathOrVariable() {
    JsonPathResolver paths =
        new JsonPathResolver(Json.object(), Json.object(), Map.of("tpl", Json.NODES.textNode("It's {}!")));
    assertThat(IntrinsicParser.parse("States.Format($tpl, 'Pikachu')").evaluate(paths, new SplittableRandom(1)).textValue())
        .isEqualTo("It's Pikachu!");
  }

  @Test
  void formatWithoutPlaceholdersReturnsTheTemplate() {
    assertThat(eval("States.Format('plain { text }')").textValue()).isEqualTo("plain { text }");
  }

  @Test
  void formatFailsWhenPlaceholdersAndValuesDiffer() {
    assertThat(failure("States.Format('{} {}', 'a')")).contains("States.Format").contains("2 placeholder");
    assertThat(failure("States.Format('{}', 'a', 'b')")).contains("1 placeholder");
  }

  @Test
  void formatFailsWhenTheTemplateIsNotAString() {
    assertThat(failure("States.Format($.t, 'a')", "{\"t\": 5}")).contains("argument 1 must be a string");
  }
}
