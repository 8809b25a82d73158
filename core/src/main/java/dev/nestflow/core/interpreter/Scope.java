package dev.nestflow.core.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nestflow.core.errors.ErrorNames;
import dev.nestflow.core.errors.StatesException;
import dev.nestflow.core.paths.JsonPaths;
import dev.nestflow.core.paths.PathNotFoundException;
import dev.nestflow.core.paths.PathResolver;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The values a path can see while a state runs: {@code $} the current input, {@code $$} the context
 * object (built on first use) and {@code $name} the variables in scope.
 */
record Scope(JsonNode input, Supplier<JsonNode> context, Map<String, JsonNode> variables)
    implements PathResolver {

  @Override
  public JsonNode resolve(String path) {
    if (path.startsWith("$$")) {
      try {
        return JsonPaths.read(context.get(), path.substring(1));
      } catch (PathNotFoundException e) {
        throw new PathNotFoundException(path, e.cause());
      }
    }
    if (path.equals("$") || path.startsWith("$.") || path.startsWith("$[")) {
      return JsonPaths.read(input, path);
    }
    int end = 1;
    while (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[') {
      end++;
    }
    String name = path.substring(1, end);
    JsonNode value = variables.get(name);
    if (value == null) {
      throw new StatesException(ErrorNames.RUNTIME, "The variable '" + name + "' is not defined.");
    }
    return end == path.length() ? value : JsonPaths.read(value, "$" + path.substring(end));
  }

  Scope withInput(JsonNode newInput) {
    return new Scope(newInput, context, variables);
  }
}
