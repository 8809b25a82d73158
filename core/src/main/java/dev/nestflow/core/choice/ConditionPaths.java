package dev.nestflow.core.choice;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nestflow.core.errors.ErrorNames;
import dev.nestflow.core.errors.StatesException;
import dev.nestflow.core.paths.PathResolver;

/**
 * Resolves a Choice rule's {@code Variable} or {@code ...Path} operand. A path that does not
 * resolve fails the state with {@code States.Runtime} and the Choice-specific cause AWS uses
 * ({@code Invalid path '<path>': The choice state's condition path references an invalid value.});
 * the interpreter adds its usual "An error occurred while executing the state ..." prefix.
 */
public final class ConditionPaths {
  private ConditionPaths() {}

  public static JsonNode resolve(PathResolver paths, String path) {
    JsonNode value;
    try {
      value = paths.resolve(path);
    } catch (StatesException notResolvable) {
      throw invalidPath(path);
    }
    if (value == null || value.isMissingNode()) {
      throw invalidPath(path);
    }
    return value;
  }

  static StatesException invalidPath(String path) {
    return new StatesException(
        ErrorNames.RUNTIME,
        "Invalid path '" + path + "': The choice state's condition path references an invalid value.");
  }
}
