package dev.nestflow.core.choice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nestflow.core.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChoiceRuleParserTest {

  private static ChoiceRule parse(String json) {
    return ChoiceRuleParser.parse(Json.parse(json));
  }

  @Test
  void topLevelStateFieldsAndNestedCommentsAreIgnored() {
    ChoiceRule rule = parse("{\"And\":[{\"Variable\":\"$.status\",\"StringEquals\":\"complete\",\"Comment\":\"c\"}],"
        + "\"Comment\":\"x\",\"Next\":\"S\",\"Assign\":{\"a\":1},\"Output\":{}}");
    assertThat(rule).isEqualTo(new ChoiceRule.And(List.of(new ChoiceRule.Comparison(
        "$.status",
        ComparisonOperator.fromFieldName("StringEquals").orElseThrow(),
        new Operand.Literal(Json.parse("\"complete\""))))));
  }

  @Test
  void buildsARecordForEachKindOfRule() {
    assertThat(parse("{\"Variable\":\"$.a\",\"NumericGreaterThanPath\":\"$.b\"}"))
        .isEqualTo(new ChoiceRule.Comparison("$.a",
            new ComparisonOperator(ComparedType.NUMERIC, Relation.GREATER_THAN, true),
            new Operand.PathReference("$.b")));
    assertThat(parse("{\"Variable\":\"$.a\",\"IsTimestamp\":false}"))
        .isEqualTo(new ChoiceRule.TypeTest("$.a", ValueTypeCheck.IS_TIMESTAMP, false));
    assertThat(parse("{\"Variable\":\"$.a\",\"IsPresent\":true}"))
        .isEqualTo(new ChoiceRule.IsPresent("$.a", true));
    assertThat(parse("{\"Variable\":\"$.a\",\"StringMatches\":\"x*\"}"))
        .isEqualTo(new ChoiceRule.StringMatches("$.a", WildcardPattern.compile("x*")));
    assertThat(parse("{\"Not\":{\"Variable\":\"$.a\",\"IsNull\":true}}"))
        .isEqualTo(new ChoiceRule.Not(new ChoiceRule.TypeTest("$.a", ValueTypeCheck.IS_NULL, true)));
    assertThat(parse("{\"Or\":[{\"Variable\":\"$.a\",\"IsNull\":true},{\"Variable\":\"$.a\",\"IsString\":true}]}"))
        .isInstanceOf(ChoiceRule.Or.class);
  }

  @Test
  void knowsAllThirtyTwoTypedComparisonOperators() {
    assertThat(ComparisonOperator.all()).hasSize(32)
        .containsKeys("StringEquals", "StringLessThanEqualsPath", "NumericGreaterThanEquals",
            "BooleanEquals", "BooleanEqualsPath", "TimestampLessThanPath")
        .doesNotContainKeys("BooleanLessThan", "StringMatchesPath");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "[]",
      "{}",
      "{\"Next\":\"S\"}",
      "{\"Variable\":\"$.a\"}",
      "{\"Variable\":\"$.a\",\"Next\":\"S\"}",
      "{\"NumericEquals\":1}",
      "{\"Variable\":\"$.a\",\"NumericEquals\":1,\"NumericLessThan\":2}",
      "{\"Variable\":\"$.a\",\"NumericEquals\":\"1\"}",
      "{\"Variable\":\"$.a\",\"StringEquals\":1}",
      "{\"Variable\":\"$.a\",\"BooleanEquals\":\"true\"}",
      "{\"Variable\":\"$.a\",\"TimestampEquals\":\"2016-03-14\"}",
      "{\"Variable\":\"$.a\",\"StringEqualsPath\":\"a\"}",
      "{\"Variable\":\"$.a\",\"StringEqualsPath\":1}",
      "{\"Variable\":\"a\",\"StringEquals\":\"x\"}",
      "{\"Variable\":1,\"StringEquals\":\"x\"}",
      "{\"Variable\":\"$.a\",\"IsNull\":\"true\"}",
      "{\"Variable\":\"$.a\",\"IsPresent\":1}",
      "{\"Variable\":\"$.a\",\"StringMatches\":1}",
      "{\"Variable\":\"$.a\",\"StringEquals\":\"x\",\"Unknown\":1}",
      "{\"Variable\":\"$.a\",\"BooleanLessThan\":true}",
      "{\"And\":[]}",
      "{\"And\":{\"Variable\":\"$.a\",\"IsNull\":true}}",
      "{\"Or\":[{\"Variable\":\"$.a\"}]}",
      "{\"Not\":[{\"Variable\":\"$.a\",\"IsNull\":true}]}",
      "{\"And\":[{\"Variable\":\"$.a\",\"IsNull\":true}],\"Or\":[{\"Variable\":\"$.a\",\"IsNull\":true}]}",
      "{\"Variable\":\"$.a\",\"Not\":{\"Variable\":\"$.a\",\"IsNull\":true}}",
      "{\"Condition\":\"{% true %}\"}"})
  void malformedRulesAreRejectedWithIllegalArgumentException(String json) {
    assertThatThrownBy(() -> parse(json))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("null");
  }

  @Test
  void errorMessagesSayWhatIsWrong() {
    assertThatThrownBy(() -> parse("{\"Variable\":\"$.a\",\"NumericEquals\":\"1\"}"))
        .hasMessageContaining("'NumericEquals' needs a number");
    assertThatThrownBy(() -> parse("{\"Variable\":\"$.a\",\"Bogus\":1}"))
        .hasMessageContaining("Unknown field 'Bogus'");
    assertThatThrownBy(() -> parse("{\"And\":[]}"))
        .hasMessageContaining("'And' needs a non-empty array");
  }
}
