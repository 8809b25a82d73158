package dev.nestflow.core.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MinimalIntrinsicSyntaxTest {
  private final IntrinsicSyntax syntax = new MinimalIntrinsicSyntax();

  @Test
  void acceptsNestedCallsLiteralsAndPaths() {
    assertThat(syntax.isValidCall("States.UUID()")).isTrue();
    assertThat(syntax.isValidCall("States.Format('a {} \\' \\{ \\} \\\\', $.x, $$.Execution.Id, $var)")).isTrue();
    assertThat(syntax.isValidCall(
        "States.ArrayGetItem(States.StringSplit($$.StateMachine.Name, '-'), States.MathAdd(States.ArrayLength($.a), -1))"))
        .isTrue();
    assertThat(syntax.isValidCall("States.JsonMerge($.a, $.b, false)")).isTrue();
    assertThat(syntax.isValidCall("States.Array(1, 2.5, null, true, $.list[0])")).isTrue();
  }

  @Test
  void rejectsEscapedDoubleQuotesUnknownFunctionsAndBrokenSyntax() {
    assertThat(syntax.isValidCall("States.Format('He said, \\\"Hi\\\"')")).isFalse();
    assertThat(syntax.isValidCall("States.Nope()")).isFalse();
    assertThat(syntax.isValidCall("States.Format('x'")).isFalse();
    assertThat(syntax.isValidCall("States.Format('x') trailing")).isFalse();
    assertThat(syntax.isValidCall("States.Format(x)")).isFalse();
    assertThat(syntax.isValidCall("States.Format('unterminated)")).isFalse();
  }
}
