package dev.nestflow.core.intrinsics.functions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nestflow.core.intrinsics.Arguments;
import dev.nestflow.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.random.RandomGenerator;

/** {@code States.Base64Decode(text)}: the UTF-8 text of Base64 data of at most 10,000 characters. */
public final class Base64Decode extends BaseFunction {
  public static final int MAX_INPUT_CHARACTERS = 10_000;

  public Base64Decode() {
    super("States.Base64Decode", 1, 1);
  }

  @Override
  public JsonNode apply(Arguments arguments, RandomGenerator random) {
    String encoded = arguments.string(0);
    if (encoded.length() > MAX_INPUT_CHARACTERS) {
      throw arguments.failure(
          "the input string has " + encoded.length() + " characters; at most " + MAX_INPUT_CHARACTERS + " are allowed.");
    }
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(encoded);
    } catch (IllegalArgumentException e) {
      throw arguments.failure("argument 1 is not valid Base64 data.");
    }
    return Json.NODES.textNode(new String(bytes, StandardCharsets.UTF_8));
  }
}
