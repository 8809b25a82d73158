package dev.nestflow.core.intrinsics.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.nestflow.core.intrinsics.Arguments;
import dev.nestflow.core.intrinsics.JsonTypes;
import dev.nestflow.core.json.Json;
import java.util.random.RandomGenerator;

/**
 * {@code States.ArrayRange(first, last, step)}: {@code first, first+step, ...} up to and including
 * {@code last}; the step must not be 0 and the result may hold at most {@value #MAX_ITEMS} items.
 */
public final class ArrayRange extends BaseFunction {
  public static final int MAX_ITEMS = 1000;

  public ArrayRange() {
    super("States.ArrayRange", 3, 3);
  }

  @Override
  public JsonNode apply(Arguments arguments, RandomGenerator random) {
    long first = arguments.integer(0);
    long last = arguments.integer(1);
    long step = arguments.integer(2);
    if (step == 0) {
      throw arguments.failure("the step (argument 3) must not be 0.");
    }
    long count;
    try {
      count = (step > 0 ? last >= first : last <= first) ? Math.subtractExact(last, first) / step + 1 : 0;
    } catch (ArithmeticException e) {
      count = Long.MAX_VALUE;
    }
    if (count > MAX_ITEMS) {
      throw arguments.failure(
          "the range from " + first + " to " + last + " by " + step + " has more than " + MAX_ITEMS + " items.");
    }
    ArrayNode range = Json.array();
    for (long i = 0; i < count; i++) {
      range.add(JsonTypes.integer(first + i * step));
    }
    return range;
  }
}
