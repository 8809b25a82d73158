package dev.nestflow.core.choice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import dev.nestflow.core.errors.ErrorNames;
import dev.nestflow.core.errors.StatesException;
import dev.nestflow.core.json.Json;
import dev.nestflow.core.paths.PathResolver;
import java.util.Map;

/**
 * A small test {@link PathResolver} over fixed JSON: {@code $...} reads the state input,
 * {@code $$...} the context object and {@code $name...} a variable, using Jayway JsonPath. A path
 * that does not resolve throws {@code States.Runtime} with the text AWS shows for an unresolvable
 * InputPath ({@code Invalid path '$.x' : No results for path: $['x']}).
 */
final class JsonInputPaths implements PathResolver {
  private static final Configuration JAYWAY =
      Configuration.builder()
          .jsonProvider(new JacksonJsonNodeJsonProvider(Json.MAPPER))
          .mappingProvider(new JacksonMappingProvider(Json.MAPPER))
          .build();

  private final JsonNode input;
  private final JsonNode context;
  private final Map<String, JsonNode> variables;

  JsonInputPaths(JsonNode input, JsonNode context, Map<String, JsonNode> variables) {
    this.input = input;
    this.context = context;
    this.variables = Map.copyOf(variables);
  }

  static JsonInputPaths over(String inputJson) {
    return new JsonInputPaths(Json.parse(inputJson), Json.object(), Map.of());
  }

  static JsonInputPaths over(JsonNode input) {
    return new JsonInputPaths(input, Json.object(), Map.of());
  }

  @Override
  public JsonNode resolve(String path) {
    if (path.startsWith("$$")) {
      return read(path, context, "$" + path.substring(2));
    }
    if (path.equals("$") || path.startsWith("$.") || path.startsWith("$[")) {
      return read(path, input, path);
    }
    int end = 1;
    while (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[') {
      end++;
    }
    String name = path.substring(1, end);
    JsonNode value = variables.get(name);
    if (value == null) {
      throw new StatesException(ErrorNames.RUNTIME, "Invalid path '" + path + "': variable '" + name + "' is not defined");
    }
    return read(path, value, "$" + path.substring(end));
  }

  private static JsonNode read(String originalPath, JsonNode document, String jsonPath) {
    try {
      JsonNode value = JsonPath.using(JAYWAY).parse(document).read(jsonPath, JsonNode.class);
      return value == null ? NullNode.getInstance() : value;
    } catch (InvalidPathException e) {
      throw new StatesException(ErrorNames.RUNTIME, "Invalid path '" + originalPath + "' : " + e.getMessage());
    }
  }
}
