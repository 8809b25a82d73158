package dev.nestflow.core.interpreter;

import static dev.nestflow.core.interpreter.Runs.run;
import static dev.nestflow.core.interpreter.Runs.single;
import static dev.nestflow.core.interpreter.Runs.types;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nestflow.core.json.Json;
import org.junit.jupiter.api.Test;

class SucceedAndFailStateTest {

  @Test
  void succeedEndsTheExecutionWithItsInput() {
    ExecutionResult r = run(single("{\"Type\": \"Succeed\"}"), "{\"a\": 1}");
    assertThat(r.status()).isEqualTo("SUCCEEDED");
    assertThat(r.output()).isEqualTo(Json.parse("{\"a\": 1}"));
    assertThat(types(r)).containsExactly("ExecutionStarted", "SucceedStateEntered", "SucceedStateExited", "ExecutionSucceeded");
  }

  @Test
  void succeedAppliesInputPathAndOutputPath() {
    ExecutionResult r = run(single("{\"Type\": \"Succeed\", \"InputPath\": \"$.a\", \"OutputPath\": \"$.b\"}"), "{\"a\": {\"b\": 2}}");
    assertThat(r.output()).isEqualTo(Json.parse("2"));
  }

  @Test
  void failEndsTheExecutionWithLiteralErrorAndCause() {
    ExecutionResult r = run(single("{\"Type\": \"Fail\", \"Error\": \"MyError\", \"Cause\": \"it broke\"}"), "{}");
    assertThat(r.status()).isEqualTo("FAILED");
    assertThat(r.error()).isEqualTo("MyError");
    assertThat(r.cause()).isEqualTo("it broke");
    assertThat(types(r)).containsExactly("ExecutionStarted", "FailStateEntered", "ExecutionFailed");
    assertThat(Runs.last(r).get("executionFailedEventDetails")).isEqualTo(Json.parse("{\"error\": \"MyError\", \"cause\": \"it broke\"}"));
  }

  @Test
  void failWithoutErrorOrCauseWritesNeitherInTheFailedEvent() {
    ExecutionResult r = run(single("{\"Type\": \"Fail\"}"), "{}");
    assertThat(r.status()).isEqualTo("FAILED");
    assertThat(r.error()).isNull();
    assertThat(r.cause()).isNull();
    assertThat(Runs.last(r).get("executionFailedEventDetails")).isEqualTo(Json.object());
  }

  @Test
  void failTakesErrorAndCauseFromPaths() {
    ExecutionResult r =
        run(single("{\"Type\": \"Fail\", \"ErrorPath\": \"$.e\", \"CausePath\": \"$.c\"}"), "{\"e\": \"E1\", \"c\": \"C1\"}");
    assertThat(r.error()).isEqualTo("E1");
    assertThat(r.cause()).isEqualTo("C1");
  }

  @Test
  void failPathsMayBeIntrinsicCalls() {
    ExecutionResult r =
        run(single("{\"Type\": \"Fail\", \"ErrorPath\": \"$.e\", \"CausePath\": \"States.Format('bad {}', $.e)\"}"),
            "{\"e\": \"E1\"}");
    assertThat(r.cause()).isEqualTo("bad E1");
  }

  @Test
  void errorPathThatFindsNothingFailsWithStatesRuntime() {
    ExecutionResult r = run(single("{\"Type\": \"Fail\", \"ErrorPath\": \"$.ErrorX\", \"Cause\": \"c\"}"), "{\"a\": 1}");
    assertThat(r.error()).isEqualTo("States.Runtime");
    assertThat(r.cause())
        .isEqualTo(Runs.prefix("S", 2)
            + "The JSONPath '$.ErrorX' specified for the field 'ErrorPath' could not be found in the input '{\"a\":1}'");
  }

  @Test
  void causePathThatFindsNothingFailsWithStatesRuntime() {
    ExecutionResult r = run(single("{\"Type\": \"Fail\", \"Error\": \"E\", \"CausePath\": \"$.NoSuchCausePath\"}"), "{\"a\": 1}");
    assertThat(r.error()).isEqualTo("States.Runtime");
    assertThat(r.cause())
        .isEqualTo(Runs.prefix("S", 2)
            + "The JSONPath '$.NoSuchCausePath' specified for the field 'CausePath' could not be found in the input '{\"a\":1}'");
  }
}
