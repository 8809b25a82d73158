package dev.nestflow.core.intrinsics;

import static dev.nestflow.core.intrinsics.Intrinsics.eval;
import static dev.nestflow.core.intrinsics.Intrinsics.failure;
import static dev.nestflow.core.intrinsics.Intrinsics.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MathFunctionsTest {

  @ParameterizedTest(name = "{0} + {1} = {2}")
  @CsvSource({
    "-9, 3, -6",
    "1.49, 1.5, 3",
    "1.5, 1.51, 4",
    "-1.49, -1.5, -2",
    "-1.5, -1.51, -3",
    "1.49, 0, 1",
    "1.49, -1.49, 0",
    "1.5, 0, 2",
    "1.51, 0, 2",
    "-1.49, 0, -1",
    "-1.5, 0, -1",
    "-1.51, 0, -2",
    "0.5, 0, 1",
    "2.5, 0, 3",
    "3.5, 0, 4",
    "-0.5, 0.5, 1",
    "-0.5, 0, 0",
    "-2.5, 0, -2",
    "-3.5, 0, -3",
    "5, 3, 8",
  })
  void mathAddRoundsEachArgumentHalfUpBeforeAdding(String a, String b, String sum) {
    assertThat(eval("States.MathAdd($.a, $.b)", "{\"a\": " + a + ", \"b\": " + b + "}")).isEqualTo(json(sum));
  }

  @Test
  void mathAddAcceptsTheFull32BitRange() {
    assertThat(eval("States.MathAdd(2147483647, 2147483647)")).isEqualTo(json("4294967294"));
    assertThat(eval("States.MathAdd(-2147483648, 0)")).isEqualTo(json("-2147483648"));
  }

  @Test
  void mathAddRejectsValuesOutside32BitsAndNonNumbers() {
    assertThat(failure("States.MathAdd(2147483648, 0)")).contains("argument 1 must be between");
    assertThat(failure("States.MathAdd(0, -2147483649)")).contains("argument 2 must be between");
    assertThat(failure("States.MathAdd('1', 2)")).contains("must be an integer");
  }

  @Test
  void mathRandomStaysWithinStartInclusiveAndEndExclusive() {
    Set<Integer> seen = new HashSet<>();
    SplittableRandom random = new SplittableRandom(3);
    IntrinsicCall call = IntrinsicParser.parse("States.MathRandom(1, 4)");
    for (int i = 0; i < 200; i++) {
      seen.add(call.evaluate(JsonPathResolver.over("{}"), random).intValue());
    }
    assertThat(seen).containsExactlyInAnyOrder(1, 2, 3);
  }

  @Test
  void mathRandomRoundsDecimalBounds() {
    JsonNode value = eval("States.MathRandom($.a, $.b)", "{\"a\": 12.5, \"b\": 44.51}");
    assertThat(value.isIntegralNumber()).isTrue();
    assertThat(value.intValue()).isBetween(13, 44);
  }

  @Test
  void mathRandomWithoutSeedUsesTheGivenGenerator() {
    IntrinsicCall call = IntrinsicParser.parse("States.MathRandom(0, 1000000)");
    JsonNode first = call.evaluate(JsonPathResolver.over("{}"), new SplittableRandom(42));
    JsonNode again = call.evaluate(JsonPathResolver.over("{}"), new SplittableRandom(42));
    assertThat(first).isEqualTo(again);
  }

  @Test
  void mathRandomWithSeedIsDeterministicWhateverTheGenerator() {
    IntrinsicCall call = IntrinsicParser.parse("States.MathRandom(0, 999, 3)");
    JsonNode a = call.evaluate(JsonPathResolver.over("{}"), new SplittableRandom(1));
    JsonNode b = call.evaluate(JsonPathResolver.over("{}"), new SplittableRandom(2));
    assertThat(a).isEqualTo(b);
    assertThat(a.intValue()).isBetween(0, 998);
  }

  @Test
  void mathRandomRejectsAnEmptyRange() {
    assertThat(failure("States.MathRandom(5, 5)")).contains("less than");
    assertThat(failure("States.MathRandom(6, 5)")).contains("less than");
  }
}
