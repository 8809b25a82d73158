package dev.nestflow.core.intrinsics.functions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nestflow.core.intrinsics.Arguments;
import dev.nestflow.core.intrinsics.JsonTypes;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * {@code States.MathRandom(start, end[, seed])}: a random integer with {@code start <= n < end}.
 * Decimals are rounded like MathAdd. Without a seed the engine's generator is used; with one the
 * result depends on the seed only.
 */
public final class MathRandom extends BaseFunction {
  public MathRandom() {
    super("States.MathRandom", 2, 3);
  }

  @Override
  public JsonNode apply(Arguments arguments, RandomGenerator random) {
    long start = arguments.integer(0);
    long end = arguments.integer(1);
    if (start >= end) {
      throw arguments.failure("the start (" + start + ") must be less than the end (" + end + ").");
    }
    RandomGenerator generator = arguments.size() == 3 ? new SplittableRandom(arguments.integer(2)) : random;
    long value = generator.nextLong(start, end);
    return JsonTypes.integer(value);
  }
}
