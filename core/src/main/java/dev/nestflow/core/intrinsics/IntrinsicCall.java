package dev.nestflow.core.intrinsics;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nestflow.core.paths.PathResolver;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A parsed intrinsic function call, e.g. {@code States.Format('Hello {}', $.name)}; also an argument
 * of an enclosing call when nested.
 *
 * @param function the function called
 * @param arguments its arguments, in order
 * @param text the call as written in the definition
 */
public record IntrinsicCall(IntrinsicFunction function, List<Argument> arguments, String text)
    implements Argument {

  public IntrinsicCall {
    arguments = List.copyOf(arguments);
  }

  /** Full function name, e.g. {@code States.Format}. */
  public String name() {
    return function.name();
  }

  /**
   * Evaluates the call: arguments left to right (paths through {@code paths}, nested calls
   * recursively), then the function. Failures are {@code StatesException}s: the path resolver's own
   * for unresolvable paths, {@code States.IntrinsicFailure} for invalid arguments. Randomness
   * (States.UUID, States.MathRandom without seed) comes only from {@code random}.
   */
  @Override
  public JsonNode evaluate(PathResolver paths, RandomGenerator random) {
    List<JsonNode> values = new ArrayList<>(arguments.size());
    for (Argument argument : arguments) {
      values.add(argument.evaluate(paths, random));
    }
    return function.apply(new Arguments(function.name(), values, arguments), random);
  }

  @Override
  public String toString() {
    return text;
  }
}
