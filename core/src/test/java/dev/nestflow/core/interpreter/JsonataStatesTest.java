package dev.nestflow.core.interpreter;

import static dev.nestflow.core.interpreter.Runs.events;
import static dev.nestflow.core.interpreter.Runs.json;
import static dev.nestflow.core.interpreter.Runs.run;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonataStatesTest {

  @Test
  void anUndefinedOutputFailsWithQueryEvaluationErrorAndAnEvaluationFailedEvent() {
    String def =
        """
        {"QueryLanguage":"JSONata","StartAt":"S0","States":{
          "S0":{"Type":"Pass","Next":"S1"},
          "S1":{"Type":"Pass","Output":{"result":"{% $doesNotExist %}"},"End":true}}}
        """;
    ExecutionResult r = run(def, "{}");
    assertThat(r.status()).isEqualTo("FAILED");
    assertThat(r.error()).isEqualTo("States.QueryEvaluationError");
    assertThat(r.cause())
        .isEqualTo(
            "An error occurred while executing the state 'S1' (entered at the event id #4). The JSONata expression"
                + " '$doesNotExist' specified for the field 'Output/result' returned nothing (undefined).");
    var failed = events(r, "EvaluationFailed").get(0);
    assertThat(failed.path("previousEventId").asLong()).isEqualTo(3);
    assertThat(failed.path("evaluationFailedEventDetails").path("location").asText()).isEqualTo("Output/result");
    assertThat(failed.path("evaluationFailedEventDetails").path("state").asText()).isEqualTo("S1");
  }

  @Test
  void mapItemsMustBeAnArrayAndTheMapStateFails() {
    String def =
        """
        {"QueryLanguage":"JSONata","StartAt":"M","States":{
          "M":{"Type":"Map","Items":"{% $states.input.v %}","ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}}}
        """;
    ExecutionResult r = run(def, "{\"v\":{\"a\":1}}");
    assertThat(r.cause())
        .endsWith(
            "The JSONata expression '$states.input.v' specified for the field 'Items' returned an unexpected result type."
                + " Expected 'array', but was 'object' for value: {\"a\":1}");
    assertThat(r.history().stream().map(e -> e.path("type").asText()))
        .containsSubsequence("MapStateEntered", "EvaluationFailed", "MapStateFailed", "ExecutionFailed");
  }

  @Test
  void mapItemSelectorSeesTheItemInTheContext() {
    String def =
        """
        {"QueryLanguage":"JSONata","StartAt":"M","States":{
          "M":{"Type":"Map","Items":[10,20],"ItemSelector":{"v":"{% $states.context.Map.Item.Value %}","i":"{% $states.context.Map.Item.Index %}"},
               "ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}}}
        """;
    assertThat(run(def, "{}").output()).isEqualTo(json("[{\"v\":10,\"i\":0},{\"v\":20,\"i\":1}]"));
  }

  @Test
  void choiceUsesTheMatchingRulesOutputOrTheStatesOwnForDefault() {
    String def =
        """
        {"QueryLanguage":"JSONata","StartAt":"C","States":{
          "C":{"Type":"Choice","Choices":[{"Condition":"{% $states.input.go %}","Next":"E","Output":"rule"}],
               "Default":"E","Output":"default"},
          "E":{"Type":"Succeed"}}}
        """;
    assertThat(run(def, "{\"go\":true}").output()).isEqualTo(json("\"rule\""));
    assertThat(run(def, "{\"go\":false}").output()).isEqualTo(json("\"default\""));
  }

  @Test
  void waitSecondsAndFailErrorMayBeExpressions() {
    String def =
        """
        {"QueryLanguage":"JSONata","StartAt":"W","States":{
          "W":{"Type":"Wait","Seconds":"{% $states.input.s %}","Next":"F"},
          "F":{"Type":"Fail","Error":"{% 'E' & $states.input.s %}","Cause":"because"}}}
        """;
    ExecutionResult r = run(def, "{\"s\":3}");
    assertThat(r.error()).isEqualTo("E3");
    assertThat(r.cause()).isEqualTo("because");
  }

  @Test
  void anInvalidTimestampNamesTheField() {
    String def =
        """
        {"QueryLanguage":"JSONata","StartAt":"W","States":{"W":{"Type":"Wait","Timestamp":"{% $states.input.t %}","End":true}}}
        """;
    ExecutionResult r = run(def, "{\"t\":\"2016-12-05 21:29:29Z\"}");
    assertThat(r.cause())
        .endsWith("The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: 2016-12-05 21:29:29Z");
    assertThat(events(r, "EvaluationFailed").get(0).path("previousEventId").asLong()).isEqualTo(2);
  }

  @Test
  void taskTimeoutMayBeAnExpression() {
    String def =
        """
        {"QueryLanguage":"JSONata","StartAt":"T","States":{
          "T":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage","TimeoutSeconds":"{% $states.input.t %}","End":true}}}
        """;
    Integer[] seen = new Integer[1];
    run(def, "{\"t\":7}", task -> {
      seen[0] = task.timeoutSeconds();
      return json("{}");
    });
    assertThat(seen[0]).isEqualTo(7);
  }

  @Test
  void anEndlessRecursionFailsItsStateWithQueryEvaluationErrorInBoundedTime() {
    String def =
        """
        {"QueryLanguage":"JSONata","StartAt":"Loop","States":{
          "Loop":{"Type":"Pass","Output":"{% ($f := function($n){ $f($n + 1) }; $f(0)) %}","End":true}}}
        """;
    ExecutionResult r = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(30), () -> run(def, "{}"));
    assertThat(r.status()).isEqualTo("FAILED");
    assertThat(r.error()).isEqualTo("States.QueryEvaluationError");
    assertThat(r.cause()).contains("threw an error during evaluation. U1001: Expression evaluation timeout");
  }

  @Test
  void evalFailsItsStateAsOnAws() {
    String def =
        """
        {"QueryLanguage":"JSONata","StartAt":"E","States":{
          "E":{"Type":"Pass","Output":"{% $eval('1 + 1') %}","End":true}}}
        """;
    ExecutionResult r = run(def, "{}");
    assertThat(r.error()).isEqualTo("States.QueryEvaluationError");
    assertThat(r.cause()).endsWith("The JSONata expression '$eval('1 + 1')' specified for the field 'Output' threw an error during evaluation."
        + " T1006: Attempted to invoke a non-function");
  }
}
