package dev.nestflow.core.intrinsics.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.nestflow.core.intrinsics.Arguments;
import dev.nestflow.core.json.Json;
import java.util.random.RandomGenerator;

/** {@code States.ArrayPartition(array, size)}: chunks of {@code size} items; the last may be shorter. */
public final class ArrayPartition extends BaseFunction {
  public ArrayPartition() {
    super("States.ArrayPartition", 2, 2);
  }

  @Override
  public JsonNode apply(Arguments arguments, RandomGenerator random) {
    ArrayNode items = arguments.array(0);
    long size = arguments.integer(1);
    if (size <= 0) {
      throw arguments.failure("the chunk size must be a positive integer, but was " + arguments.get(1) + ".");
    }
    ArrayNode chunks = Json.array();
    ArrayNode chunk = null;
    for (int i = 0; i < items.size(); i++) {
      if (i % size == 0) {
        chunk = chunks.addArray();
      }
      chunk.add(items.get(i));
    }
    return chunks;
  }
}
