package dev.nestflow.core.intrinsics.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.nestflow.core.intrinsics.Arguments;
import dev.nestflow.core.intrinsics.JsonTypes;
import dev.nestflow.core.json.Json;
import java.util.random.RandomGenerator;

/** {@code States.ArrayContains(array, value)}: whether an item equals the value (deep equality). */
public final class ArrayContains extends BaseFunction {
  public ArrayContains() {
    super("States.ArrayContains", 2, 2);
  }

  @Override
  public JsonNode apply(Arguments arguments, RandomGenerator random) {
    ArrayNode items = arguments.array(0);
    JsonNode wanted = arguments.get(1);
    for (JsonNode item : items) {
      if (JsonTypes.sameValue(item, wanted)) {
        return Json.NODES.booleanNode(true);
      }
    }
    return Json.NODES.booleanNode(false);
  }
}
