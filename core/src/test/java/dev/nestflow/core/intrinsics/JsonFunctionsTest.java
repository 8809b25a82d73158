package dev.nestflow.core.intrinsics;

import static dev.nestflow.core.intrinsics.Intrinsics.eval;
import static dev.nestflow.core.intrinsics.Intrinsics.failure;
import static dev.nestflow.core.intrinsics.Intrinsics.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nestflow.core.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonFunctionsTest {

  private static String input(String valueJson) {
    return "{\"v\": " + valueJson + "}";
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "\"\"                               | null",
        "\" \"                              | null",
        "\"null\"                           | null",
        "\"-0\"                             | 0",
        "\"1\"                              | 1",
        "\"1.1\"                            | 1.1",
        "\"true\"                           | true",
        "\"\\\"HelloWorld\\\"\"             | \"HelloWorld\"",
        "\"[1, 2, \\\"HelloWorld\\\"]\"     | [1, 2, \"HelloWorld\"]",
        "\"{\\\"Arg1\\\": 1, \\\"Arg2\\\": []}\" | {\"Arg1\": 1, \"Arg2\": []}",
      })
  void stringToJsonParsesTextAndTurnsBlankIntoNull(String valueJson, String expected) {
    assertThat(eval("States.StringToJson($.v)", input(valueJson))).isEqualTo(json(expected));
  }

  @Test
  void stringToJsonFailsOnInvalidJsonAndOnNonStrings() {
    assertThat(failure("States.StringToJson($.v)", input("\"{oops\""))).contains("States.StringToJson");
    assertThat(failure("States.StringToJson($.v)", input("\"1 2\""))).contains("not valid JSON");
    assertThat(failure("States.StringToJson($.v)", input("{}"))).contains("must be a string");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "null                        | null",
        "0                           | 0",
        "1                           | 1",
        "1.1                         | 1.1",
        "true                        | true",
        "\"HelloWorld\"              | \"HelloWorld\"",
        "[1, 2, \"HelloWorld\"]      | [1,2,\"HelloWorld\"]",
        "{\"Arg1\": 1, \"Arg2\": []} | {\"Arg1\":1,\"Arg2\":[]}",
      })
  void jsonToStringWritesCompactJson(String valueJson, String expectedText) {
    assertThat(eval("States.JsonToString($.v)", input(valueJson)).textValue()).isEqualTo(expectedText);
  }

  @Test
  void jsonMergeIsShallowWithTheSecondObjectWinning() {
    String in =
        "{\"fst\": {\"a\": {\"a1\": 1, \"a2\": 2}, \"b\": 2, \"d\": 3},"
            + " \"snd\": {\"a\": {\"a3\": 1, \"a4\": 2}, \"c\": 3, \"d\": 4}}";
    assertThat(eval("States.JsonMerge($.fst, $.snd, false)", in))
        .isEqualTo(json("{\"a\": {\"a3\": 1, \"a4\": 2}, \"b\": 2, \"c\": 3, \"d\": 4}"));
  }

  @Test
  void jsonMergeDoesNotChangeItsInputs() {
    var input = Json.parse("{\"fst\": {\"a\": 1}, \"snd\": {\"b\": 2}}");
    var before = input.deepCopy();
    IntrinsicParser.parse("States.JsonMerge($.fst, $.snd, false)")
        .evaluate(new JsonPathResolver(input, Json.object(), java.util.Map.of()), new java.util.SplittableRandom(1));
    assertThat(input).isEqualTo(before);
  }

  @Test
  void jsonMergeAcceptsANestedStringToJson() {
    assertThat(eval("States.JsonMerge(States.StringToJson('{\"k\": \"false\"}'), $.o, false)", "{\"o\": {\"x\": 1}}"))
        .isEqualTo(json("{\"k\": \"false\", \"x\": 1}"));
  }

  @Test
  void jsonMergeRejectsDeepModeAndNonObjects() {
    assertThat(failure("States.JsonMerge($.a, $.a, true)", "{\"a\": {}}")).contains("shallow");
    assertThat(failure("States.JsonMerge($.a, $.b, false)", "{\"a\": {}, \"b\": [1]}"))
        .contains("argument 2 must be a JSON object");
    assertThat(failure("States.JsonMerge($.a, $.a, 'false')", "{\"a\": {}}")).contains("argument 3 must be a boolean");
  }
}
