package dev.nestflow.core.intrinsics;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.random.RandomGenerator;

/** One of the {@code States.*} functions. */
public interface IntrinsicFunction {
  /** Full name, e.g. {@code States.Format}. */
  String name();

  /** Fewest arguments the definition may pass (checked when the call is parsed). */
  int minArguments();

  /** Most arguments the definition may pass; {@link Integer#MAX_VALUE} for no limit. */
  int maxArguments();

  /** Applies the function to evaluated arguments; throws {@code StatesException} (States.IntrinsicFailure). */
  JsonNode apply(Arguments arguments, RandomGenerator random);
}
