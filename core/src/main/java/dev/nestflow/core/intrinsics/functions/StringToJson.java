package dev.nestflow.core.intrinsics.functions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nestflow.core.intrinsics.Arguments;
import dev.nestflow.core.json.Json;
import java.util.random.RandomGenerator;

/** {@code States.StringToJson(text)}: parses JSON text; empty or blank text gives {@code null}. */
public final class StringToJson extends BaseFunction {
  public StringToJson() {
    super("States.StringToJson", 1, 1);
  }

  @Override
  public JsonNode apply(Arguments arguments, RandomGenerator random) {
    String text = arguments.string(0);
    if (text.isBlank()) {
      return Json.NODES.nullNode();
    }
    try {
      return Json.parse(text);
    } catch (Json.JsonSyntaxException e) {
      throw arguments.failure("argument 1 is not valid JSON text: " + e.getMessage());
    }
  }
}
