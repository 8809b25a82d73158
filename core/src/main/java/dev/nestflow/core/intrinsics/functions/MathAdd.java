package dev.nestflow.core.intrinsics.functions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nestflow.core.intrinsics.Arguments;
import dev.nestflow.core.intrinsics.JsonTypes;
import java.util.random.RandomGenerator;

/**
 * {@code States.MathAdd(a, b)}: the sum of two integers in the 32-bit range; decimals are first
 * rounded to the nearest integer, halves up (1.5 to 2, -1.5 to -1).
 */
public final class MathAdd extends BaseFunction {
  public MathAdd() {
    super("States.MathAdd", 2, 2);
  }

  @Override
  public JsonNode apply(Arguments arguments, RandomGenerator random) {
    long sum = int32(arguments, 0) + int32(arguments, 1);
    return JsonTypes.integer(sum);
  }

  private static long int32(Arguments arguments, int index) {
    long value = arguments.integer(index);
    if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
      throw arguments.failure(
          "argument " + (index + 1) + " must be between " + Integer.MIN_VALUE + " and " + Integer.MAX_VALUE
              + ", but was " + arguments.get(index) + ".");
    }
    return value;
  }
}
