package dev.nestflow.core.intrinsics;

import static dev.nestflow.core.intrinsics.Intrinsics.eval;
import static dev.nestflow.core.intrinsics.Intrinsics.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IntrinsicParserTest {

  @Test
  void parsesFunctionNameAndArgumentKinds() {
    IntrinsicCall call =
        IntrinsicParser.parse("States.Array('a', 1, -2.5, true, false, null, $.x, $$.Execution.Id, $var.f)");
    assertThat(call.name()).isEqualTo("States.Array");
    assertThat(call.arguments())
        .containsExactly(
            new Argument.Text("a", "a"),
            new Argument.Literal(json("1")),
            new Argument.Literal(json("-2.5")),
            new Argument.Literal(json("true")),
            new Argument.Literal(json("false")),
            new Argument.Literal(json("null")),
            new Argument.Path("$.x"),
            new Argument.Path("$$.Execution.Id"),
            new Argument.Path("$var.f"));
  }

  @Test
  void parsesNestedCallsAndKeepsTheirText() {
    IntrinsicCall call = IntrinsicParser.parse("States.Array(States.MathAdd($.a, 1), 'x')");
    assertThat(call.arguments().get(0)).isInstanceOf(IntrinsicCall.class);
    IntrinsicCall inner = (IntrinsicCall) call.arguments().get(0);
    assertThat(inner.name()).isEqualTo("States.MathAdd");
    assertThat(inner.text()).isEqualTo("States.MathAdd($.a, 1)");
    assertThat(eval("States.Array(States.MathAdd($.a, 1), 'x')", "{\"a\": 41}")).isEqualTo(json("[42, \"x\"]"));
  }

  @Test
  void decodesTheFourStringEscapes() {
    IntrinsicCall call = IntrinsicParser.parse("States.Array('it\\'s \\{\\} a \\\\ b')");
    assertThat(call.arguments().get(0)).isEqualTo(new Argument.Text("it's {} a \\ b", "it\\'s \\{\\} a \\\\ b"));
  }

  @Test
  void keepsRealNewlinesInsideStrings() {
    assertThat(eval("States.StringSplit('Hello\nWorld', '\n')")).isEqualTo(json("[\"Hello\", \"World\"]"));
  }

  @Test
  void rejectsAnEscapedDoubleQuoteInsideAString() {
    assertThatThrownBy(() -> IntrinsicParser.parse("States.StringToJson('{\"text\":\"An \\\"quote\\\" here\"}')"))
        .isInstanceOf(IntrinsicSyntaxException.class)
        .hasMessageContaining("illegal escape sequence '\\\"'");
    assertThatThrownBy(() -> IntrinsicParser.parse("States.Format('He said, \\\"Hello, {}!\\\"', 'x')"))
        .isInstanceOf(IntrinsicSyntaxException.class);
  }

  @Test
  void rejectsABackslashNEscape() {
    assertThatThrownBy(() -> IntrinsicParser.parse("States.Format('a\\nb')"))
        .isInstanceOf(IntrinsicSyntaxException.class)
        .hasMessageContaining("illegal escape");
  }

  @Test
  void pathsMayContainBracketsFiltersCommasAndParentheses() {
    IntrinsicCall call =
        IntrinsicParser.parse("States.Array($.a[0], $.b[?(@.x == 'p, q)')].y, $['k,l'], $)");
    assertThat(call.arguments())
        .containsExactly(
            new Argument.Path("$.a[0]"),
            new Argument.Path("$.b[?(@.x == 'p, q)')].y"),
            new Argument.Path("$['k,l']"),
            new Argument.Path("$"));
  }

  @Test
  void allowsWhitespaceAroundArguments() {
    IntrinsicCall call = IntrinsicParser.parse("States.MathAdd(  1 ,\t2  )");
    assertThat(call.arguments()).hasSize(2);
  }

  @Test
  void acceptsNineNestedFunctionsLikeTheAwsDocumentationExample() {
    String arn =
        "States.Format('{}.{}', States.ArrayGetItem(States.StringSplit(States.ArrayGetItem("
            + "States.StringSplit($.Arn, '/'), 2), '.'), 0), States.ArrayGetItem(States.StringSplit("
            + "States.ArrayGetItem(States.StringSplit($.Arn, '/'), 2), '.'), 1))";
    assertThat(eval(arn, "{\"Arn\": \"arn:aws:imagebuilder:r:1:image-recipe/my-recipe/1.0.0\"}").textValue())
        .isEqualTo("1.0");
  }

  @Test
  void acceptsTenLevelsOfNestingButNotEleven() {
    assertThat(eval(nestedArrays(10))).isNotNull();
    assertThatThrownBy(() -> IntrinsicParser.parse(nestedArrays(11)))
        .isInstanceOf(IntrinsicSyntaxException.class)
        .hasMessageContaining("nested more than 10 levels");
  }

  private static String nestedArrays(int levels) {
    return "States.Array(".repeat(levels) + "1" + ")".repeat(levels);
  }

  @Test
  void rejectsAnUnknownFunction() {
    assertThatThrownBy(() -> IntrinsicParser.parse("States.Compare($.a, $.b)"))
        .isInstanceOf(IntrinsicSyntaxException.class)
        .hasMessageContaining("unknown intrinsic function States.Compare");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "States.UUID(1)",
        "States.ArrayLength()",
        "States.ArrayGetItem($.a)",
        "States.MathAdd(1, 2, 3)",
        "States.MathRandom(1)",
        "States.MathRandom(1, 2, 3, 4)",
        "States.JsonMerge($.a, $.b)",
        "States.Format()",
        "States.ArrayRange(1, 2)",
        "States.Hash('x')",
        "States.StringSplit('x')",
        "States.Base64Encode('a', 'b')"
      })
  void rejectsAWrongNumberOfArguments(String text) {
    assertThatThrownBy(() -> IntrinsicParser.parse(text))
        .isInstanceOf(IntrinsicSyntaxException.class)
        .hasMessageContaining("takes");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "States.Array(",
        "States.Array('a'",
        "States.Array('a)",
        "States.Array('a' 'b')",
        "States.Array(1,)",
        "States.Array(,1)",
        "States.Array(abc)",
        "States.Array(01)",
        "States.Array(1.)",
        "States.Array(True)",
        "States.Array() extra",
        "States.Array()[0]",
        "States.Array($.a b)",
        "States.Array($.a[0)",
        "States.Array ()",
        " States.Array()",
        "$.a",
        "States.(1)"
      })
  void rejectsMalformedText(String text) {
    assertThatThrownBy(() -> IntrinsicParser.parse(text)).isInstanceOf(IntrinsicSyntaxException.class);
  }

  @Test
  void syntaxErrorMessageQuotesTheText() {
    assertThatThrownBy(() -> IntrinsicParser.parse("States.Array('a"))
        .hasMessageStartingWith("Invalid intrinsic function call 'States.Array('a': unterminated string");
  }

  @Test
  void looksLikeIntrinsicNeedsTheStatesPrefixAndACallShape() {
    assertThat(IntrinsicParser.looksLikeIntrinsic("States.Format('x')")).isTrue();
    assertThat(IntrinsicParser.looksLikeIntrinsic("States.Nope()")).isTrue();
    assertThat(IntrinsicParser.looksLikeIntrinsic("$.a")).isFalse();
    assertThat(IntrinsicParser.looksLikeIntrinsic("States.Format")).isFalse();
    assertThat(IntrinsicParser.looksLikeIntrinsic("Format('x')")).isFalse();
    assertThat(IntrinsicParser.looksLikeIntrinsic(null)).isFalse();
  }

  @Test
  void negativeAndExponentNumbersAreLiterals() {
    assertThat(eval("States.Array(-7, 1e2, 0.25)")).isEqualTo(json("[-7, 1e2, 0.25]"));
  }
}
