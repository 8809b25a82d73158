package dev.nestflow.core.intrinsics;

import static dev.nestflow.core.intrinsics.Intrinsics.eval;
import static dev.nestflow.core.intrinsics.Intrinsics.failure;
import static dev.nestflow.core.intrinsics.Intrinsics.json;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ArrayFunctionsTest {

  private static String pair(String fst, String snd) {
    return "{\"fst\": " + fst + ", \"snd\": " + snd + "}";
  }

  @Test
  void arrayCollectsItsArgumentsInOrder() {
    assertThat(eval("States.Array()")).isEqualTo(json("[]"));
    assertThat(eval("States.Array($.fst, $.snd)", pair("{\"Arg1\": 1, \"Arg2\": []}", "null")))
        .isEqualTo(json("[{\"Arg1\": 1, \"Arg2\": []}, null]"));
    assertThat(eval("States.Array('a', 'b', 'c')")).isEqualTo(json("[\"a\", \"b\", \"c\"]"));
  }

  @ParameterizedTest(name = "{0} by {1} -> {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "[]           | 1 | []",
        "[]           | 5 | []",
        "[0]          | 3 | [[0]]",
        "[0, 1]       | 1 | [[0], [1]]",
        "[0, 1]       | 2 | [[0, 1]]",
        "[0, 1, 2]    | 2 | [[0, 1], [2]]",
        "[0, 1, 2, 3] | 3 | [[0, 1, 2], [3]]",
        "[0, 1, 2, 3] | 5 | [[0, 1, 2, 3]]",
      })
  void arrayPartitionChunksWithAShorterLastChunk(String array, String size, String expected) {
    assertThat(eval("States.ArrayPartition($.fst, $.snd)", pair(array, size))).isEqualTo(json(expected));
  }

  @Test
  void arrayPartitionRejectsANonPositiveChunkSizeAndNonArrays() {
    assertThat(failure("States.ArrayPartition($.fst, 0)", pair("[1]", "0"))).contains("positive");
    assertThat(failure("States.ArrayPartition($.fst, -1)", pair("[1]", "0"))).contains("positive");
    assertThat(failure("States.ArrayPartition($.fst, 1)", pair("\"abc\"", "0"))).contains("must be an array");
  }

  @ParameterizedTest(name = "{0} contains {1} -> {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "[]                      | null                  | false",
        "[]                      | []                    | false",
        "[[1, 2, 3], 2]          | null                  | false",
        "[[1, 2, 3], 2]          | [1, 2, 3]             | true",
        "[{\"1\": 2, \"2\": []}] | []                    | false",
        "[{\"1\": 2, \"2\": []}] | {\"2\": [], \"1\": 2} | true",
        "[true, false]           | false                 | true",
        "[1, 2]                  | 1.0                   | false",
        "[1.5]                   | 1.50                  | true",
      })
  void arrayContainsComparesWholeJsonValues(String array, String value, boolean expected) {
    assertThat(eval("States.ArrayContains($.fst, $.snd)", pair(array, value)).booleanValue()).isEqualTo(expected);
  }

  @ParameterizedTest(name = "range({0}, {1}, {2}) -> {3}")
  @CsvSource(
      delimiter = '|',
      value = {
        "0  | 9  | 3  | [0, 3, 6, 9]",
        "0  | 10 | 3  | [0, 3, 6, 9]",
        "1  | 9  | 9  | [1]",
        "1  | 9  | 2  | [1, 3, 5, 7, 9]",
        "1  | 10 | 2  | [1, 3, 5, 7, 9]",
        "5  | 1  | -2 | [5, 3, 1]",
        "5  | 1  | 1  | []",
        "3  | 3  | 1  | [3]",
        "-3 | 0  | 1  | [-3, -2, -1, 0]",
      })
  void arrayRangeIncludesBothEndsWhenTheStepReachesThem(int first, int last, int step, String expected) {
    assertThat(eval("States.ArrayRange(" + first + ", " + last + ", " + step + ")")).isEqualTo(json(expected));
  }

  @Test
  void arrayRangeAllowsAThousandItemsButNotMore() {
    assertThat(eval("States.ArrayRange(1, 1000, 1)").size()).isEqualTo(1000);
    assertThat(failure("States.ArrayRange(1, 1001, 1)")).contains("more than 1000 items");
    assertThat(failure("States.ArrayRange(-9223372036854775808, 9223372036854775807, 1)")).contains("more than 1000");
  }

  @Test
  void arrayRangeRejectsAZeroStepAndNonNumbers() {
    assertThat(failure("States.ArrayRange(1, 3, 0)")).contains("must not be 0");
    assertThat(failure("States.ArrayRange('1', 3, 1)")).contains("argument 1 must be an integer");
  }

  @Test
  void arrayGetItemReturnsTheItemAtAZeroBasedIndex() {
    assertThat(eval("States.ArrayGetItem($.fst, $.snd)", pair("[1, 2, 3, 4, 5, 6, 7, 8, 9]", "5")))
        .isEqualTo(json("6"));
    assertThat(eval("States.ArrayGetItem($.fst, 0)", pair("[{\"a\": 1}]", "0"))).isEqualTo(json("{\"a\": 1}"));
  }

  @Test
  void arrayGetItemFailsOutsideTheArray() {
    assertThat(failure("States.ArrayGetItem($.fst, 3)", pair("[1, 2, 3]", "0"))).contains("out of bounds");
    assertThat(failure("States.ArrayGetItem($.fst, -1)", pair("[1, 2, 3]", "0"))).contains("out of bounds");
  }

  @Test
  void arrayLengthCountsItems() {
    assertThat(eval("States.ArrayLength($.fst)", pair("[1, 2, 3, 4, 5, 6, 7, 8, 9]", "0"))).isEqualTo(json("9"));
    assertThat(eval("States.ArrayLength($.fst)", pair("[]", "0"))).isEqualTo(json("0"));
    assertThat(failure("States.ArrayLength($.fst)", pair("{}", "0"))).contains("must be an array");
  }

  @Test
  void arrayUniqueKeepsFirstOccurrencesInOrder() {
    String items =
        "[null, null, true, true, false, false, 1, 1, 1.1, 0, 0, \"HelloWorld\", \"HelloWorld\","
            + " [], [], [null], [null], {\"a\": 1, \"b\": 2}, {\"b\": 2, \"a\": 1}, {\"a\": 1, \"b\": 1}]";
    assertThat(eval("States.ArrayUnique($.fst)", pair(items, "0")))
        .isEqualTo(
            json(
                "[null, true, false, 1, 1.1, 0, \"HelloWorld\", [], [null], {\"a\": 1, \"b\": 2},"
                    + " {\"a\": 1, \"b\": 1}]"));
    assertThat(eval("States.ArrayUnique($.fst)", pair("[1, 2, 2, 3, 3, 4]", "0"))).isEqualTo(json("[1, 2, 3, 4]"));
  }
}
