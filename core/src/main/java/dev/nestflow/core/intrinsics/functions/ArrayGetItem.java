package dev.nestflow.core.intrinsics.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.nestflow.core.intrinsics.Arguments;
import java.util.random.RandomGenerator;

/** {@code States.ArrayGetItem(array, index)}: the item at a 0-based index. */
public final class ArrayGetItem extends BaseFunction {
  public ArrayGetItem() {
    super("States.ArrayGetItem", 2, 2);
  }

  @Override
  public JsonNode apply(Arguments arguments, RandomGenerator random) {
    ArrayNode items = arguments.array(0);
    long index = arguments.integer(1);
    if (index < 0 || index >= items.size()) {
      throw arguments.failure(
          "the index " + index + " is out of bounds for an array of length " + items.size() + ".");
    }
    return items.get((int) index);
  }
}
