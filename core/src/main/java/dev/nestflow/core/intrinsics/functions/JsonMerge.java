package dev.nestflow.core.intrinsics.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.intrinsics.Arguments;
import java.util.random.RandomGenerator;

/**
 * {@code States.JsonMerge(first, second, deep)}: a shallow merge of two objects, members of the
 * second replacing those of the first. AWS supports only the shallow mode, so {@code deep} must be
 * {@code false}.
 */
public final class JsonMerge extends BaseFunction {
  public JsonMerge() {
    super("States.JsonMerge", 3, 3);
  }

  @Override
  public JsonNode apply(Arguments arguments, RandomGenerator random) {
    ObjectNode first = arguments.object(0);
    ObjectNode second = arguments.object(1);
    if (arguments.bool(2)) {
      throw arguments.failure("only the shallow merge is supported, so argument 3 must be false.");
    }
    ObjectNode merged = first.deepCopy();
    second.fields().forEachRemaining(field -> merged.set(field.getKey(), field.getValue().deepCopy()));
    return merged;
  }
}
