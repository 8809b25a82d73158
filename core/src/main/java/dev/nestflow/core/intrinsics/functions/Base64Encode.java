package dev.nestflow.core.intrinsics.functions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nestflow.core.intrinsics.Arguments;
import dev.nestflow.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.random.RandomGenerator;

/** {@code States.Base64Encode(text)}: Base64 of the UTF-8 bytes of a string of at most 10,000 characters. */
public final class Base64Encode extends BaseFunction {
  public static final int MAX_INPUT_CHARACTERS = 10_000;

  public Base64Encode() {
    super("States.Base64Encode", 1, 1);
  }

  @Override
  public JsonNode apply(Arguments arguments, RandomGenerator random) {
    String text = arguments.string(0);
    if (text.length() > MAX_INPUT_CHARACTERS) {
      throw arguments.failure(
          "the input string has " + text.length() + " characters; at most " + MAX_INPUT_CHARACTERS + " are allowed.");
    }
    return Json.NODES.textNode(Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)));
  }
}
