package dev.nestflow.core.intrinsics.functions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nestflow.core.intrinsics.Arguments;
import dev.nestflow.core.json.Json;
import java.util.random.RandomGenerator;

/** {@code States.JsonToString(value)}: the compact JSON text of any value. */
public final class JsonToString extends BaseFunction {
  public JsonToString() {
    super("States.JsonToString", 1, 1);
  }

  @Override
  public JsonNode apply(Arguments arguments, RandomGenerator random) {
    return Json.NODES.textNode(Json.write(arguments.get(0)));
  }
}
