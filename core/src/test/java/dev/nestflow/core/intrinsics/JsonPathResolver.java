package dev.nestflow.core.intrinsics;

import com.fasterxml.jackson.databind.JsonNode;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.JsonPathException;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import dev.nestflow.core.errors.ErrorNames;
import dev.nestflow.core.errors.StatesException;
import dev.nestflow.core.json.Json;
import dev.nestflow.core.paths.PathResolver;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A small test-only PathResolver: {@code $...} on an input, {@code $$...} on a context, {@code $name...} on variables. */
final class JsonPathResolver implements PathResolver {
  private static final Configuration JAYWAY =
      Configuration.builder()
          .jsonProvider(new JacksonJsonNodeJsonProvider(Json.MAPPER))
          .mappingProvider(new JacksonMappingProvider(Json.MAPPER))
          .build();
  private static final Pattern VARIABLE = Pattern.compile("\\$([A-Za-z_][A-Za-z0-9_]*)(.*)", Pattern.DOTALL);

  private final JsonNode input;
  private final JsonNode context;
  private final Map<String, JsonNode> variables;

  JsonPathResolver(JsonNode input, JsonNode context, Map<String, JsonNode> variables) {
    this.input = input;
    this.context = context;
    this.variables = variables;
  }

  static JsonPathResolver over(String inputJson) {
    return new JsonPathResolver(Json.parse(inputJson), Json.object(), Map.of());
  }

  @Override
  public JsonNode resolve(String path) {
    if (path.startsWith("$$")) {
      return read(context, path.substring(1), path);
    }
    Matcher variable = VARIABLE.matcher(path);
    if (variable.matches()) {
      JsonNode value = variables.get(variable.group(1));
      if (value == null) {
        throw new StatesException(ErrorNames.RUNTIME, "no variable " + variable.group(1));
      }
      return read(value, "$" + variable.group(2), path);
    }
    return read(input, path, path);
  }

  private static JsonNode read(JsonNode document, String jsonPath, String original) {
    try {
      return JsonPath.using(JAYWAY).parse(document).read(jsonPath);
    } catch (JsonPathException e) {
      throw new StatesException(ErrorNames.RUNTIME, "The JSONPath '" + original + "' could not be found");
    }
  }
}
