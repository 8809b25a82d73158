package dev.nestflow.core.states;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nestflow.core.json.Json;
import org.junit.jupiter.api.Test;

class StateMachineParserTest {

  private static StateMachine parse(String text) {
    return StateMachineParser.parse(Json.parse(text));
  }

  @Test
  void statesKeepDefinitionOrderAndStartAt() {
    StateMachine m = parse(
        "{\"StartAt\": \"B\", \"States\": {\"A\": {\"Type\": \"Succeed\"}, \"B\": {\"Type\": \"Pass\", \"Next\": \"A\"}}}");
    assertThat(m.states().keySet()).containsExactly("A", "B");
    assertThat(m.start().name()).isEqualTo("B");
    assertThat(m.start().common().next()).isEqualTo("A");
    assertThat(m.start().common().end()).isFalse();
    assertThat(m.timeoutSeconds()).isNull();
  }

  @Test
  void aJsonPathFieldIsItsLiteralOrItsPathUnderThePathFieldsName() {
    MapState map = (MapState) parse("{\"StartAt\": \"M\", \"States\": {\"M\": {\"Type\": \"Map\", \"MaxConcurrency\": 2,"
        + " \"ToleratedFailureCountPath\": \"$.n\", \"ItemProcessor\": {\"StartAt\": \"I\","
        + " \"States\": {\"I\": {\"Type\": \"Pass\", \"End\": true}}}, \"End\": true}}}").start();
    assertThat(map.maxConcurrency()).isEqualTo(new Field.Literal("MaxConcurrency", Json.parse("2")));
    assertThat(map.toleratedFailureCount()).isEqualTo(new Field.Path("ToleratedFailureCountPath", "$.n"));
    assertThat(map.toleratedFailurePercentage()).isNull();
    assertThat(map.items()).as("ItemsPath defaults to the whole input").isEqualTo(new Field.Path("ItemsPath", "$"));
  }

  @Test
  void aJsonataFieldIsAnExpressionWhateverItsValue() {
    WaitState wait = (WaitState) parse("{\"QueryLanguage\": \"JSONata\", \"StartAt\": \"W\", \"States\": {\"W\":"
        + " {\"Type\": \"Wait\", \"Seconds\": \"{% $states.input.s %}\", \"End\": true}}}").start();
    assertThat(wait.seconds()).isEqualTo(new Field.Jsonata("Seconds", Json.parse("\"{% $states.input.s %}\"")));
    assertThat(((Field.Jsonata) wait.seconds()).expression()).isEqualTo("$states.input.s");
    assertThat(wait.timestamp()).isNull();
    TaskState task = (TaskState) parse("{\"QueryLanguage\": \"JSONata\", \"StartAt\": \"T\", \"States\": {\"T\":"
        + " {\"Type\": \"Task\", \"Resource\": \"arn:aws:states:::lambda:invoke\", \"TimeoutSeconds\": 5,"
        + " \"End\": true}}}").start();
    assertThat(task.timeoutSeconds()).isEqualTo(new Field.Jsonata("TimeoutSeconds", Json.parse("5")));
    assertThat(((Field.Jsonata) task.timeoutSeconds()).expression()).isEqualTo("5");
  }

  @Test
  void retrierFieldsTakeAslDefaults() {
    StateMachine m = parse("{\"StartAt\": \"T\", \"States\": {\"T\": {\"Type\": \"Task\", \"Resource\": \"arn:aws:states:::lambda:invoke\","
        + " \"Retry\": [{\"ErrorEquals\": [\"States.ALL\"]}], \"End\": true}}}");
    Retrier r = m.start().common().retry().get(0);
    assertThat(r.intervalSeconds()).isEqualTo(1.0);
    assertThat(r.maxAttempts()).isEqualTo(3);
    assertThat(r.backoffRate()).isEqualTo(2.0);
    assertThat(r.maxDelaySeconds()).isNull();
    assertThat(r.jitterStrategy()).isEqualTo(Retrier.JitterStrategy.NONE);
  }

  @Test
  void retrierReadsEveryGivenField() {
    StateMachine m = parse("{\"StartAt\": \"T\", \"States\": {\"T\": {\"Type\": \"Task\", \"Resource\": \"arn:aws:states:::lambda:invoke\","
        + " \"Retry\": [{\"ErrorEquals\": [\"A\", \"B\"], \"IntervalSeconds\": 3, \"MaxAttempts\": 0, \"BackoffRate\": 1.5,"
        + " \"MaxDelaySeconds\": 5, \"JitterStrategy\": \"FULL\"}],"
        + " \"Catch\": [{\"ErrorEquals\": [\"States.ALL\"], \"ResultPath\": \"$.e\", \"Next\": \"T\"}], \"End\": true}}}");
    Retrier r = m.start().common().retry().get(0);
    assertThat(r.errorEquals()).containsExactly("A", "B");
    assertThat(r.intervalSeconds()).isEqualTo(3.0);
    assertThat(r.maxAttempts()).isZero();
    assertThat(r.backoffRate()).isEqualTo(1.5);
    assertThat(r.maxDelaySeconds()).isEqualTo(5);
    assertThat(r.jitterStrategy()).isEqualTo(Retrier.JitterStrategy.FULL);
    Catcher c = m.start().common().catchers().get(0);
    assertThat(c.errorEquals()).containsExactly("States.ALL");
    assertThat(c.next()).isEqualTo("T");
    assertThat(c.resultPath().asText()).isEqualTo("$.e");
  }

  @Test
  void legacyIteratorAndParametersBecomeProcessorAndItemSelector() {
    StateMachine m = parse("{\"StartAt\": \"M\", \"States\": {\"M\": {\"Type\": \"Map\", \"Parameters\": {\"v.$\": \"$$.Map.Item.Value\"},"
        + " \"Iterator\": {\"StartAt\": \"I\", \"States\": {\"I\": {\"Type\": \"Pass\", \"End\": true}}}, \"End\": true}}}");
    MapState map = (MapState) m.start();
    assertThat(map.processor().startAt()).isEqualTo("I");
    assertThat(map.itemSelector()).isEqualTo(Json.parse("{\"v.$\": \"$$.Map.Item.Value\"}"));
    assertThat(map.common().parameters()).isNull();
    assertThat(map.mode()).isEqualTo(MapState.ProcessorMode.INLINE);
  }

  @Test
  void distributedProcessorModeIsRead() {
    StateMachine m = parse("{\"StartAt\": \"M\", \"States\": {\"M\": {\"Type\": \"Map\", \"ItemProcessor\": {\"ProcessorConfig\":"
        + " {\"Mode\": \"DISTRIBUTED\"}, \"StartAt\": \"I\", \"States\": {\"I\": {\"Type\": \"Pass\", \"End\": true}}}, \"End\": true}}}");
    assertThat(((MapState) m.start()).mode()).isEqualTo(MapState.ProcessorMode.DISTRIBUTED);
  }

  @Test
  void topLevelTimeoutSecondsIsRead() {
    assertThat(parse("{\"TimeoutSeconds\": 5, \"StartAt\": \"S\", \"States\": {\"S\": {\"Type\": \"Succeed\"}}}").timeoutSeconds())
        .isEqualTo(5);
  }

  @Test
  void queryLanguageIsInheritedByBranchesUnlessAStateOverridesIt() {
    StateMachine m = parse("{\"QueryLanguage\": \"JSONata\", \"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Parallel\", \"End\": true,"
        + " \"Branches\": [{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Pass\", \"Next\": \"B\"},"
        + " \"B\": {\"Type\": \"Pass\", \"QueryLanguage\": \"JSONPath\", \"End\": true}}}]}}}");
    StateMachine branch = ((ParallelState) m.start()).branches().get(0);
    assertThat(branch.state("A").common().queryLanguage()).isEqualTo(QueryLanguage.JSONATA);
    assertThat(branch.state("B").common().queryLanguage()).isEqualTo(QueryLanguage.JSONPATH);
  }
}
