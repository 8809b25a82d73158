package dev.nestflow.core.choice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nestflow.core.errors.StatesException;
import dev.nestflow.core.json.Json;
import dev.nestflow.core.paths.PathResolver;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Evaluation of Choice rules. The value grids follow what AWS recorded in the conformance corpus
 * (area choice_operators); behaviours the corpus does not show are marked as such.
 */
class ChoiceRuleTest {

  /** The variable values the AWS recordings use, as JSON text. */
  private static final List<String> SAMPLE_VALUES =
      List.of("null", "0", "0.0", "1", "1.1", "\"\"", "\" \"", "\"HelloWorld\"",
          "\"2012-10-09T19:00:55\"", "\"2012-10-09T19:00:55Z\"", "\"2012-10-09T19:00:55+01:00\"",
          "\"2023-02-24\"", "[]", "[\"\"]", "{}", "{\"A\":0}", "true", "false");

  private static boolean evaluate(String ruleJson, String inputJson) {
    return ChoiceRuleParser.parse(Json.parse(ruleJson)).test(JsonInputPaths.over(inputJson));
  }

  /** {"Variable": "$.Variable", <operator>: <operand>} against {"Variable": <value>, "Value": <operand>}. */
  private static boolean compare(String operator, String operandJson, String valueJson) {
    String rule = operator.endsWith("Path")
        ? "{\"Variable\":\"$.Variable\",\"" + operator + "\":\"$.Value\"}"
        : "{\"Variable\":\"$.Variable\",\"" + operator + "\":" + operandJson + "}";
    return evaluate(rule, "{\"Variable\":" + valueJson + ",\"Value\":" + operandJson + "}");
  }

  // --- type tests --------------------------------------------------------------------------

  static Stream<Arguments> typeOfEachSampleValue() {
    return SAMPLE_VALUES.stream().map(value -> {
      JsonNode node = Json.parse(value);
      return Arguments.of(value, node.isNull(), node.isNumber(), node.isTextual(), node.isBoolean());
    });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("typeOfEachSampleValue")
  void typeTestsReportTheJsonTypeOfTheValue(
      String value, boolean isNull, boolean isNumeric, boolean isString, boolean isBoolean) {
    for (boolean expected : new boolean[] {true, false}) {
      assertThat(compare("IsNull", String.valueOf(expected), value)).isEqualTo(isNull == expected);
      assertThat(compare("IsNumeric", String.valueOf(expected), value)).isEqualTo(isNumeric == expected);
      assertThat(compare("IsString", String.valueOf(expected), value)).isEqualTo(isString == expected);
      assertThat(compare("IsBoolean", String.valueOf(expected), value)).isEqualTo(isBoolean == expected);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("typeOfEachSampleValue")
  void isPresentIsTrueForEveryValueIncludingNull(String value) {
    assertThat(compare("IsPresent", "true", value)).isTrue();
    assertThat(compare("IsPresent", "false", value)).isFalse();
  }

  @Test
  void isPresentIsFalseForAMissingFieldAndNeverFails() {
    assertThat(evaluate("{\"Variable\":\"$.missing\",\"IsPresent\":true}", "{}")).isFalse();
    assertThat(evaluate("{\"Variable\":\"$.missing\",\"IsPresent\":false}", "{}")).isTrue();
    assertThat(evaluate("{\"Variable\":\"$.a.b.c\",\"IsPresent\":false}", "{\"a\":1}")).isTrue();
    assertThat(evaluate("{\"Variable\":\"$undefinedVar\",\"IsPresent\":true}", "{}")).isFalse();
  }

  @Test
  void isTimestampAcceptsOnlyRfc3339WithUppercaseTAndAZoneDesignator() {
    // Not covered by the corpus (it has no IsTimestamp case): follows the ASL specification.
    for (String ok : List.of("2012-10-09T19:00:55Z", "2012-10-09T19:00:55+01:00",
        "2012-10-09T19:00:55.123Z", "2012-10-09T19:00:55.123456789-05:30")) {
      assertThat(compare("IsTimestamp", "true", "\"" + ok + "\"")).as(ok).isTrue();
    }
    for (String bad : List.of("2012-10-09T19:00:55", "2023-02-24", "2023-02-24 12:15:56.832957",
        "2012-10-09t19:00:55z", "2012-13-09T19:00:55Z", "HelloWorld", "")) {
      assertThat(compare("IsTimestamp", "true", "\"" + bad + "\"")).as(bad).isFalse();
    }
    assertThat(compare("IsTimestamp", "true", "1349809255")).isFalse();
    assertThat(compare("IsTimestamp", "false", "null")).isTrue();
  }

  // --- type mismatch ------------------------------------------------------------------------

  static Stream<Arguments> operatorsWithAMatchingOperand() {
    return Stream.of(
        Arguments.of("BooleanEquals", "true"),
        Arguments.of("BooleanEqualsPath", "true"),
        Arguments.of("NumericEquals", "0"),
        Arguments.of("NumericEqualsPath", "1.0"),
        Arguments.of("StringEquals", "\"HelloWorld\""),
        Arguments.of("StringEqualsPath", "\"HelloWorld\""),
        Arguments.of("TimestampEquals", "\"2012-10-09T19:00:55Z\""),
        Arguments.of("TimestampEqualsPath", "\"2012-10-09T19:00:55Z\""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("operatorsWithAMatchingOperand")
  void aValueOfAnotherTypeNeverMatchesAndIsNotAnError(String operator, String operand) {
    ComparedType type = ComparisonOperator.fromFieldName(operator).orElseThrow().type();
    for (String value : SAMPLE_VALUES) {
      if (type.isValidLiteral(Json.parse(value))) {
        continue;
      }
      assertThat(compare(operator, operand, value)).as("%s against %s", operator, value).isFalse();
    }
  }

  @Test
  void aPathOperandOfTheWrongTypeNeverMatches() {
    // The corpus only records well-typed ...Path operands; mismatch is treated like the Variable's.
    String input = "{\"n\":1,\"s\":\"1\",\"b\":true,\"t\":\"2012-10-09T19:00:55Z\"}";
    assertThat(evaluate("{\"Variable\":\"$.n\",\"NumericEqualsPath\":\"$.s\"}", input)).isFalse();
    assertThat(evaluate("{\"Variable\":\"$.s\",\"StringEqualsPath\":\"$.n\"}", input)).isFalse();
    assertThat(evaluate("{\"Variable\":\"$.b\",\"BooleanEqualsPath\":\"$.s\"}", input)).isFalse();
    assertThat(evaluate("{\"Variable\":\"$.t\",\"TimestampEqualsPath\":\"$.s\"}", input)).isFalse();
    assertThat(evaluate("{\"Variable\":\"$.t\",\"StringEqualsPath\":\"$.t\"}", input)).isTrue();
  }

  // --- booleans, numbers, strings, timestamps -----------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {"BooleanEquals", "BooleanEqualsPath"})
  void booleanEqualsComparesBooleans(String operator) {
    assertThat(compare(operator, "true", "true")).isTrue();
    assertThat(compare(operator, "false", "false")).isTrue();
    assertThat(compare(operator, "true", "false")).isFalse();
    assertThat(compare(operator, "false", "true")).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"NumericEquals", "NumericEqualsPath"})
  void numericEqualsComparesIntegersAndDecimalsByValue(String operator) {
    assertThat(compare(operator, "0", "0.0")).isTrue();
    assertThat(compare(operator, "0.0", "0")).isTrue();
    assertThat(compare(operator, "1.0", "1")).isTrue();
    assertThat(compare(operator, "2.22", "2.22")).isTrue();
    assertThat(compare(operator, "1", "1.1")).isFalse();
    assertThat(compare(operator, "1", "0")).isFalse();
    assertThat(compare(operator, "100000000000000000001", "100000000000000000001")).isTrue();
    assertThat(compare(operator, "100000000000000000001", "100000000000000000000")).isFalse();
  }

  static Stream<Arguments> numericOrderings() {
    // operator, variable, operand, expected (the corpus grid of 0/0.0/1 pairs)
    return Stream.of("", "Path").flatMap(suffix -> Stream.of(
        Arguments.of("NumericLessThan" + suffix, "0", "0", false),
        Arguments.of("NumericLessThan" + suffix, "0.0", "0", false),
        Arguments.of("NumericLessThan" + suffix, "0", "1", true),
        Arguments.of("NumericLessThan" + suffix, "1", "0", false),
        Arguments.of("NumericLessThanEquals" + suffix, "0.0", "0", true),
        Arguments.of("NumericLessThanEquals" + suffix, "1", "1", true),
        Arguments.of("NumericLessThanEquals" + suffix, "1", "0", false),
        Arguments.of("NumericGreaterThan" + suffix, "1", "1", false),
        Arguments.of("NumericGreaterThan" + suffix, "1", "0", true),
        Arguments.of("NumericGreaterThan" + suffix, "0", "1", false),
        Arguments.of("NumericGreaterThanEquals" + suffix, "0.0", "0", true),
        Arguments.of("NumericGreaterThanEquals" + suffix, "1", "0", true),
        Arguments.of("NumericGreaterThanEquals" + suffix, "0", "1", false),
        Arguments.of("NumericGreaterThan" + suffix, "-1.5", "-2", true)));
  }

  @ParameterizedTest(name = "{1} {0} {2} -> {3}")
  @MethodSource("numericOrderings")
  void numericComparisonsOrderNumbersByValue(String operator, String value, String operand, boolean expected) {
    assertThat(compare(operator, operand, value)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"StringEquals", "StringEqualsPath"})
  void stringEqualsIsExactIncludingWhitespace(String operator) {
    assertThat(compare(operator, "\"Hello\"", "\"Hello\"")).isTrue();
    assertThat(compare(operator, "\"     \"", "\" \"")).isFalse();
    assertThat(compare(operator, "\"\\t\\r\\n\"", "\"\\t\\n\"")).isFalse();
    assertThat(compare(operator, "\"hello\"", "\"Hello\"")).isFalse();
  }

  static Stream<Arguments> stringOrderings() {
    return Stream.of("", "Path").flatMap(suffix -> Stream.of(
        Arguments.of("StringLessThan" + suffix, "\"\"", "\"\"", false),
        Arguments.of("StringLessThan" + suffix, "\"A\"", "\"AB\"", true),
        Arguments.of("StringLessThan" + suffix, "\"AB\"", "\"A\"", false),
        Arguments.of("StringLessThanEquals" + suffix, "\"\"", "\"\"", true),
        Arguments.of("StringLessThanEquals" + suffix, "\"A\"", "\"AB\"", true),
        Arguments.of("StringLessThanEquals" + suffix, "\"AB\"", "\"A\"", false),
        Arguments.of("StringGreaterThan" + suffix, "\"\"", "\"\"", false),
        Arguments.of("StringGreaterThan" + suffix, "\"A\"", "\"A \"", false),
        Arguments.of("StringGreaterThan" + suffix, "\"A\"", "\"A\\t\\n\\r\"", false),
        Arguments.of("StringGreaterThan" + suffix, "\"AB\"", "\"ABC\"", false),
        Arguments.of("StringGreaterThanEquals" + suffix, "\"\"", "\"\"", true),
        Arguments.of("StringGreaterThanEquals" + suffix, "\"A\"", "\"AB\"", false),
        Arguments.of("StringGreaterThanEquals" + suffix, "\"AB\"", "\"A\"", true),
        Arguments.of("StringLessThan" + suffix, "\"Z\"", "\"a\"", true)));
  }

  @ParameterizedTest(name = "{1} {0} {2} -> {3}")
  @MethodSource("stringOrderings")
  void stringComparisonsOrderLexicographically(String operator, String value, String operand, boolean expected) {
    assertThat(compare(operator, operand, value)).isEqualTo(expected);
  }

  static Stream<Arguments> timestampOrderings() {
    String t55 = "\"2012-10-09T19:00:55Z\"";
    String t56 = "\"2012-10-09T19:00:56Z\"";
    return Stream.of("", "Path").flatMap(suffix -> Stream.of(
        Arguments.of("TimestampEquals" + suffix, t55, t55, true),
        Arguments.of("TimestampEquals" + suffix, t55, t56, false),
        Arguments.of("TimestampEquals" + suffix, t56, t55, false),
        Arguments.of("TimestampLessThan" + suffix, t55, t55, false),
        Arguments.of("TimestampLessThan" + suffix, t55, t56, true),
        Arguments.of("TimestampLessThanEquals" + suffix, t55, t55, true),
        Arguments.of("TimestampLessThanEquals" + suffix, t56, t55, false),
        Arguments.of("TimestampGreaterThan" + suffix, t56, t55, true),
        Arguments.of("TimestampGreaterThan" + suffix, t55, t56, false),
        Arguments.of("TimestampGreaterThanEquals" + suffix, t55, t55, true),
        Arguments.of("TimestampGreaterThanEquals" + suffix, t55, t56, false)));
  }

  @ParameterizedTest(name = "{1} {0} {2} -> {3}")
  @MethodSource("timestampOrderings")
  void timestampComparisonsOrderInstants(String operator, String value, String operand, boolean expected) {
    assertThat(compare(operator, operand, value)).isEqualTo(expected);
  }

  @Test
  void timestampsWithDifferentOffsetsOrFractionsCompareAsTheSameInstant() {
    assertThat(compare("TimestampEquals", "\"2012-10-09T19:00:55Z\"", "\"2012-10-09T20:00:55+01:00\"")).isTrue();
    assertThat(compare("TimestampEquals", "\"2012-10-09T19:00:55Z\"", "\"2012-10-09T19:00:55.000Z\"")).isTrue();
    assertThat(compare("TimestampLessThan", "\"2012-10-09T19:00:55.001Z\"", "\"2012-10-09T19:00:55Z\"")).isTrue();
  }

  @Test
  void aStringThatIsNotATimestampNeverMatchesATimestampOperator() {
    assertThat(compare("TimestampEquals", "\"2012-10-09T19:00:55Z\"", "\"2023-02-24 12:15:56.832957\"")).isFalse();
    assertThat(compare("TimestampLessThanEquals", "\"2012-10-09T19:00:55Z\"", "\"2012-10-09T19:00:55\"")).isFalse();
  }

  // --- StringMatches ------------------------------------------------------------------------

  @Test
  void stringMatchesTreatsAsteriskAsAnyRunOfCharacters() {
    String rule = "{\"Variable\":\"$.v\",\"StringMatches\":\"log-*.txt\"}";
    assertThat(evaluate(rule, "{\"v\":\"log-2024.txt\"}")).isTrue();
    assertThat(evaluate(rule, "{\"v\":\"log-.txt\"}")).isTrue();
    assertThat(evaluate(rule, "{\"v\":\"log-a\\nb.txt\"}")).isTrue();
    assertThat(evaluate(rule, "{\"v\":\"xlog-1.txt\"}")).isFalse();
    assertThat(evaluate(rule, "{\"v\":\"log-1.txt.bak\"}")).isFalse();
    assertThat(evaluate(rule, "{\"v\":\"log-1xtxt\"}")).isFalse();
    assertThat(evaluate("{\"Variable\":\"$.v\",\"StringMatches\":\"*\"}", "{\"v\":\"\"}")).isTrue();
    assertThat(evaluate("{\"Variable\":\"$.v\",\"StringMatches\":\"a*b*c\"}", "{\"v\":\"aXXbYYc\"}")).isTrue();
  }

  @Test
  void stringMatchesTreatsOtherRegexCharactersLiterally() {
    assertThat(evaluate("{\"Variable\":\"$.v\",\"StringMatches\":\"a.c?[x]\"}", "{\"v\":\"a.c?[x]\"}")).isTrue();
    assertThat(evaluate("{\"Variable\":\"$.v\",\"StringMatches\":\"a.c\"}", "{\"v\":\"abc\"}")).isFalse();
    assertThat(evaluate("{\"Variable\":\"$.v\",\"StringMatches\":\"\\\\Q*\\\\E\"}", "{\"v\":\"\\\\Qzz\\\\E\"}")).isTrue();
  }

  @Test
  void stringMatchesEscapedAsteriskIsLiteral() {
    // JSON "\\*" is the two characters \* : a literal asterisk.
    String rule = "{\"Variable\":\"$.v\",\"StringMatches\":\"a\\\\*b\"}";
    assertThat(evaluate(rule, "{\"v\":\"a*b\"}")).isTrue();
    assertThat(evaluate(rule, "{\"v\":\"axxb\"}")).isFalse();
    String backslash = "{\"Variable\":\"$.v\",\"StringMatches\":\"a\\\\\\\\*\"}"; // pattern a\\* : literal \ then wildcard
    assertThat(evaluate(backslash, "{\"v\":\"a\\\\xyz\"}")).isTrue();
  }

  @Test
  void stringMatchesOnANonStringIsFalse() {
    assertThat(evaluate("{\"Variable\":\"$.v\",\"StringMatches\":\"*\"}", "{\"v\":1}")).isFalse();
    assertThat(evaluate("{\"Variable\":\"$.v\",\"StringMatches\":\"*\"}", "{\"v\":null}")).isFalse();
  }

  // --- missing paths ------------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"Variable\":\"$.missing\",\"NumericEquals\":1}",
      "{\"Variable\":\"$.missing\",\"IsNull\":true}",
      "{\"Variable\":\"$.missing\",\"StringMatches\":\"*\"}",
      "{\"Not\":{\"Variable\":\"$.missing\",\"BooleanEquals\":true}}"})
  void aMissingVariableFailsWithStatesRuntime(String rule) {
    assertThatThrownBy(() -> evaluate(rule, "{\"present\":1}"))
        .isInstanceOfSatisfying(StatesException.class, e -> {
          assertThat(e.error()).isEqualTo("States.Runtime");
          assertThat(e.cause()).isEqualTo(
              "Invalid path '$.missing': The choice state's condition path references an invalid value.");
        });
  }

  @Test
  void aMissingPathOperandFailsWithStatesRuntime() {
    assertThatThrownBy(() -> evaluate("{\"Variable\":\"$.left\",\"NumericLessThanPath\":\"$.right\"}", "{\"left\":8}"))
        .isInstanceOfSatisfying(StatesException.class, e -> assertThat(e.cause()).isEqualTo(
            "Invalid path '$.right': The choice state's condition path references an invalid value."));
  }

  @Test
  void variablesAndContextAreResolvedThroughThePathResolver() {
    PathResolver paths = new JsonInputPaths(
        Json.parse("{}"),
        Json.parse("{\"Execution\":{\"Input\":{\"input-value\":0}}}"),
        Map.of("guess", Json.parse("\"42\""), "answer", Json.parse("\"42\"")));
    assertThat(ChoiceRuleParser.parse(Json.parse("{\"Variable\":\"$guess\",\"StringEqualsPath\":\"$answer\"}"))
        .test(paths)).isTrue();
    assertThat(ChoiceRuleParser.parse(Json.parse(
        "{\"Variable\":\"$$.Execution.Input.input-value\",\"NumericLessThanEquals\":0}")).test(paths)).isTrue();
  }

  // --- And / Or / Not -----------------------------------------------------------------------

  @Test
  void andOrNotCombineNestedRules() {
    String twenties = "{\"And\":[{\"Variable\":\"$.value\",\"NumericGreaterThanEquals\":20},"
        + "{\"Variable\":\"$.value\",\"NumericLessThan\":30}]}";
    assertThat(evaluate(twenties, "{\"value\":22}")).isTrue();
    assertThat(evaluate(twenties, "{\"value\":30}")).isFalse();
    String notPrivate = "{\"Not\":{\"Variable\":\"$.type\",\"StringEquals\":\"Private\"}}";
    assertThat(evaluate(notPrivate, "{\"type\":\"Private\"}")).isFalse();
    assertThat(evaluate(notPrivate, "{\"type\":\"Public\"}")).isTrue();
    String either = "{\"Or\":[{\"Variable\":\"$.a\",\"BooleanEquals\":true},{\"Variable\":\"$.b\",\"BooleanEquals\":true}]}";
    assertThat(evaluate(either, "{\"a\":false,\"b\":true}")).isTrue();
    assertThat(evaluate(either, "{\"a\":false,\"b\":false}")).isFalse();
    assertThat(evaluate("{\"And\":[{\"Variable\":\"$.type\",\"StringEquals\":\"Public\"}]}", "{\"type\":\"Public\"}")).isTrue();
  }

  @Test
  void andGuardsLaterRulesSoTheyAreNotEvaluated() {
    // The Map "break condition" scenario: IsPresent/IsNumeric guard NumericEquals on "$".
    String rule = "{\"And\":[{\"IsPresent\":true,\"Variable\":\"$\"},{\"And\":[{\"IsNumeric\":true,\"Variable\":\"$\"},"
        + "{\"NumericEquals\":3,\"Variable\":\"$\"}]}]}";
    assertThat(evaluate(rule, "3")).isTrue();
    assertThat(evaluate(rule, "2")).isFalse();
    assertThat(evaluate(rule, "\"3\"")).isFalse();
    assertThat(evaluate("{\"And\":[{\"Variable\":\"$.a\",\"IsPresent\":true},{\"Variable\":\"$.a\",\"NumericEquals\":1}]}", "{}"))
        .isFalse();
    assertThat(evaluate("{\"Or\":[{\"Variable\":\"$.a\",\"IsPresent\":false},{\"Variable\":\"$.a\",\"NumericEquals\":1}]}", "{}"))
        .isTrue();
  }

  @Test
  void andStopsAtTheFirstFalseRuleAndOrAtTheFirstTrueOne() {
    AtomicInteger resolutions = new AtomicInteger();
    PathResolver counting = path -> {
      resolutions.incrementAndGet();
      return Json.parse("1");
    };
    ChoiceRule and = ChoiceRuleParser.parse(Json.parse(
        "{\"And\":[{\"Variable\":\"$.x\",\"NumericEquals\":2},{\"Variable\":\"$.y\",\"NumericEquals\":1}]}"));
    assertThat(and.test(counting)).isFalse();
    assertThat(resolutions).hasValue(1);
    resolutions.set(0);
    ChoiceRule or = ChoiceRuleParser.parse(Json.parse(
        "{\"Or\":[{\"Variable\":\"$.x\",\"NumericEquals\":1},{\"Variable\":\"$.y\",\"NumericEquals\":1}]}"));
    assertThat(or.test(counting)).isTrue();
    assertThat(resolutions).hasValue(1);
  }
}
