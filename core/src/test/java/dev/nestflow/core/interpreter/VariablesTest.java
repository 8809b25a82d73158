package dev.nestflow.core.interpreter;

import static dev.nestflow.core.interpreter.Runs.events;
import static dev.nestflow.core.interpreter.Runs.json;
import static dev.nestflow.core.interpreter.Runs.run;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VariablesTest {

  @Test
  void everyExpressionOfOneAssignSeesTheValuesBeforeTheState() {
    String def =
        """
        {"QueryLanguage":"JSONata","StartAt":"A","States":{
          "A":{"Type":"Pass","Assign":{"x":1,"y":2},"Next":"B"},
          "B":{"Type":"Pass","Assign":{"x":"{% $y %}","y":"{% $x %}"},"Output":{"x":"{% $x %}"},"Next":"C"},
          "C":{"Type":"Pass","Output":{"x":"{% $x %}","y":"{% $y %}"},"End":true}}}
        """;
    ExecutionResult r = run(def, "{}");
    assertThat(r.status()).isEqualTo("SUCCEEDED");
    assertThat(r.output()).isEqualTo(json("{\"x\":2,\"y\":1}"));
    // Output of B was evaluated with the old x as well
    assertThat(json(events(r, "PassStateExited").get(1).path("stateExitedEventDetails").path("output").asText()))
        .isEqualTo(json("{\"x\":1}"));
  }

  @Test
  void exitedEventsListTheAssignedVariablesAsJsonText() {
    ExecutionResult r =
        run("{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"Assign\":{\"s\":\"t\",\"n\":[1,2]},\"End\":true}}}", "{}");
    var details = events(r, "PassStateExited").get(0).path("stateExitedEventDetails");
    assertThat(details.path("assignedVariables")).isEqualTo(json("{\"s\":\"\\\"t\\\"\",\"n\":\"[1,2]\"}"));
    assertThat(details.path("assignedVariablesDetails").path("truncated").asBoolean(true)).isFalse();
  }

  @Test
  void jsonPathAssignReadsTheStateResultAndOutputPathTheOldVariables() {
    String def =
        """
        {"StartAt":"A","States":{
          "A":{"Type":"Pass","Result":{"q":"what"},"Assign":{"question.$":"$.q","answer":42},"Next":"B"},
          "B":{"Type":"Pass","InputPath":"$answer","ResultPath":"$.r","OutputPath":"$answer","Assign":{"answer":"new"},"End":true}}}
        """;
    ExecutionResult r = run(def, "{}");
    assertThat(r.output()).isEqualTo(json("42"));
    assertThat(events(r, "PassStateExited").get(0).path("stateExitedEventDetails").path("assignedVariables").path("question").asText())
        .isEqualTo("\"what\"");
  }

  @Test
  void parallelBranchesReadOuterVariablesButTheirAssignmentsStayInside() {
    String def =
        """
        {"QueryLanguage":"JSONata","StartAt":"A","States":{
          "A":{"Type":"Pass","Assign":{"x":1},"Next":"P"},
          "P":{"Type":"Parallel","Branches":[
             {"StartAt":"B1","States":{"B1":{"Type":"Pass","Assign":{"x":"{% $x + 10 %}"},"Next":"B2"},
                                       "B2":{"Type":"Pass","Output":"{% $x %}","End":true}}},
             {"StartAt":"C1","States":{"C1":{"Type":"Pass","Output":"{% $x %}","End":true}}}],
           "Next":"D"},
          "D":{"Type":"Pass","Output":{"branches":"{% $states.input %}","x":"{% $x %}"},"End":true}}}
        """;
    ExecutionResult r = run(def, "{}");
    assertThat(r.output()).isEqualTo(json("{\"branches\":[11,1],\"x\":1}"));
  }

  @Test
  void mapIterationsReadOuterVariablesButDoNotWriteThem() {
    String def =
        """
        {"QueryLanguage":"JSONata","StartAt":"A","States":{
          "A":{"Type":"Pass","Assign":{"total":0,"items":[1,2,3]},"Next":"M"},
          "M":{"Type":"Map","Items":"{% $items %}","MaxConcurrency":1,"ItemProcessor":{"StartAt":"I","States":{
             "I":{"Type":"Pass","Assign":{"total":"{% $total + $states.input %}"},"Next":"J"},
             "J":{"Type":"Pass","Output":"{% $total %}","End":true}}},
           "Next":"D"},
          "D":{"Type":"Pass","Output":{"each":"{% $states.input %}","total":"{% $total %}"},"End":true}}}
        """;
    ExecutionResult r = run(def, "{}");
    assertThat(r.output()).isEqualTo(json("{\"each\":[1,2,3],\"total\":0}"));
  }

  @Test
  void jsonPathStatesReadVariablesAssignedByJsonataStates() {
    String def =
        """
        {"StartAt":"A","States":{
          "A":{"QueryLanguage":"JSONata","Type":"Pass","Assign":{"v":"{% 'from jsonata' %}"},"Next":"B"},
          "B":{"Type":"Pass","Parameters":{"v.$":"$v"},"End":true}}}
        """;
    assertThat(run(def, "{}").output()).isEqualTo(json("{\"v\":\"from jsonata\"}"));
  }

  @Test
  void catcherAssignAndOutputSeeTheErrorOutput() {
    String def =
        """
        {"QueryLanguage":"JSONata","StartAt":"T","States":{
          "T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Arguments":{"a":1},
               "Catch":[{"ErrorEquals":["States.ALL"],"Assign":{"err":"{% $states.errorOutput.Error %}"},
                         "Output":{"in":"{% $states.input %}","cause":"{% $states.errorOutput.Cause %}"},"Next":"F"}],
               "End":true},
          "F":{"Type":"Pass","Output":{"caught":"{% $states.input %}","err":"{% $err %}"},"End":true}}}
        """;
    ExecutionResult r =
        run(def, "{\"k\":1}", task -> {
          throw new dev.nestflow.core.errors.StatesException("Boom", "it broke");
        });
    assertThat(r.output()).isEqualTo(json("{\"caught\":{\"in\":{\"k\":1},\"cause\":\"it broke\"},\"err\":\"Boom\"}"));
  }

  @Test
  void taskOutputAndAssignSeeTheResult() {
    String def =
        """
        {"QueryLanguage":"JSONata","StartAt":"T","States":{
          "T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Arguments":{"n":"{% $states.input.n %}"},
               "Assign":{"r":"{% $states.result.doubled %}"},"Output":{"res":"{% $states.result %}"},"Next":"F"},
          "F":{"Type":"Pass","Output":"{% $r %}","End":true}}}
        """;
    ExecutionResult r = run(def, "{\"n\":4}", task -> json("{\"doubled\":" + task.input().path("n").asInt() * 2 + "}"));
    assertThat(r.output()).isEqualTo(json("8"));
  }
}
