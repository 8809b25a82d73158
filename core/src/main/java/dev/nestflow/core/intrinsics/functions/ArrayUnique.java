package dev.nestflow.core.intrinsics.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.nestflow.core.intrinsics.Arguments;
import dev.nestflow.core.intrinsics.JsonTypes;
import dev.nestflow.core.json.Json;
import java.util.random.RandomGenerator;

/** {@code States.ArrayUnique(array)}: the items without repeats, keeping first occurrences in order. */
public final class ArrayUnique extends BaseFunction {
  public ArrayUnique() {
    super("States.ArrayUnique", 1, 1);
  }

  @Override
  public JsonNode apply(Arguments arguments, RandomGenerator random) {
    ArrayNode unique = Json.array();
    for (JsonNode item : arguments.array(0)) {
      boolean seen = false;
      for (JsonNode kept : unique) {
        if (JsonTypes.sameValue(kept, item)) {
          seen = true;
          break;
        }
      }
      if (!seen) {
        unique.add(item);
      }
    }
    return unique;
  }
}
