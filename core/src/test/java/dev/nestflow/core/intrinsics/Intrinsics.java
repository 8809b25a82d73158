package dev.nestflow.core.intrinsics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nestflow.core.errors.ErrorNames;
import dev.nestflow.core.errors.StatesException;
import dev.nestflow.core.json.Json;
import java.util.SplittableRandom;

/** Test shorthand: parse and evaluate an intrinsic call over an input. */
final class Intrinsics {
  private Intrinsics() {}

  static JsonNode eval(String call, String inputJson) {
    return IntrinsicParser.parse(call).evaluate(JsonPathResolver.over(inputJson), new SplittableRandom(7));
  }

  static JsonNode eval(String call) {
    return eval(call, "{}");
  }

  static JsonNode json(String text) {
    return Json.parse(text);
  }

  /** Evaluates and expects a States.IntrinsicFailure; returns its cause. */
  static String failure(String call, String inputJson) {
    StatesException e = catchThrowableOfType(StatesException.class, () -> eval(call, inputJson));
    assertThat(e).as("expected States.IntrinsicFailure from %s", call).isNotNull();
    assertThat(e.error()).isEqualTo(ErrorNames.INTRINSIC_FAILURE);
    return e.cause();
  }

  static String failure(String call) {
    return failure(call, "{}");
  }
}
