package dev.nestflow.core.intrinsics.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.nestflow.core.intrinsics.Arguments;
import dev.nestflow.core.json.Json;
import java.util.random.RandomGenerator;

/** {@code States.Array(values...)}: an array of the arguments, in order. */
public final class Array extends BaseFunction {
  public Array() {
    super("States.Array", 0, UNLIMITED);
  }

  @Override
  public JsonNode apply(Arguments arguments, RandomGenerator random) {
    ArrayNode array = Json.array();
    arguments.all().forEach(array::add);
    return array;
  }
}
