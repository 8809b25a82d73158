package dev.nestflow.core.intrinsics.functions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nestflow.core.intrinsics.Arguments;
import dev.nestflow.core.json.Json;
import java.util.random.RandomGenerator;

/** {@code States.ArrayLength(array)}: the number of items. */
public final class ArrayLength extends BaseFunction {
  public ArrayLength() {
    super("States.ArrayLength", 1, 1);
  }

  @Override
  public JsonNode apply(Arguments arguments, RandomGenerator random) {
    return Json.NODES.numberNode(arguments.array(0).size());
  }
}
