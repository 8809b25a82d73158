package dev.nestflow.core.interpreter;

import static dev.nestflow.core.interpreter.Runs.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nestflow.core.json.Json;
import org.junit.jupiter.api.Test;

class ChoiceStateTest {

  private static final String MACHINE =
      """
      {"StartAt": "C", "States": {
        "C": {"Type": "Choice", %s
              "Choices": [{"Variable": "$.n", "NumericGreaterThan": 10, "Next": "Big"},
                          {"Variable": "$.n", "NumericGreaterThan": 5, "Next": "Medium"}]},
        "Big": {"Type": "Pass", "Result": "big", "End": true},
        "Medium": {"Type": "Pass", "Result": "medium", "End": true},
        "Small": {"Type": "Pass", "Result": "small", "End": true}}}""";

  @Test
  void firstMatchingRuleWins() {
    ExecutionResult r = run(MACHINE.formatted("\"Default\": \"Small\","), "{\"n\": 20}");
    assertThat(r.output()).isEqualTo(Json.parse("\"big\""));
  }

  @Test
  void laterRuleMatchesWhenEarlierOnesDoNot() {
    ExecutionResult r = run(MACHINE.formatted("\"Default\": \"Small\","), "{\"n\": 7}");
    assertThat(r.output()).isEqualTo(Json.parse("\"medium\""));
  }

  @Test
  void defaultIsTakenWhenNoRuleMatches() {
    ExecutionResult r = run(MACHINE.formatted("\"Default\": \"Small\","), "{\"n\": 1}");
    assertThat(r.output()).isEqualTo(Json.parse("\"small\""));
  }

  @Test
  void noMatchWithoutDefaultFailsWithNoChoiceMatched() {
    ExecutionResult r = run(MACHINE.formatted(""), "{\"n\": 1}");
    assertThat(r.status()).isEqualTo("FAILED");
    assertThat(r.error()).isEqualTo("States.NoChoiceMatched");
    assertThat(Runs.types(r)).containsExactly("ExecutionStarted", "ChoiceStateEntered", "ExecutionFailed");
  }

  @Test
  void choicePassesItsInputThroughOutputPath() {
    ExecutionResult r =
        run(
            """
            {"StartAt": "C", "States": {
              "C": {"Type": "Choice", "OutputPath": "$.keep", "Default": "End",
                    "Choices": [{"Variable": "$.n", "IsPresent": false, "Next": "End"}]},
              "End": {"Type": "Succeed"}}}""",
            "{\"n\": 1, \"keep\": {\"k\": 1}}");
    assertThat(r.output()).isEqualTo(Json.parse("{\"k\": 1}"));
    assertThat(Runs.exitedOutput(r, "C")).isEqualTo(Json.parse("{\"k\": 1}"));
  }
}
