package dev.nestflow.core.paths;

import dev.nestflow.core.errors.ErrorNames;
import dev.nestflow.core.errors.StatesException;

/**
 * A JSONPath found nothing in the document it was applied to. It is a {@code States.Runtime}
 * error; the cause is the path engine's own text (e.g. {@code No results for path: $['x']}), which
 * the state that applied the path wraps into AWS's message for that field.
 */
public final class PathNotFoundException extends StatesException {
  private final String path;

  public PathNotFoundException(String path, String detail) {
    super(ErrorNames.RUNTIME, detail);
    this.path = path;
  }

  public String path() {
    return path;
  }
}
