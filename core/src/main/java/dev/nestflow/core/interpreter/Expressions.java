package dev.nestflow.core.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.errors.ErrorNames;
import dev.nestflow.core.errors.StatesException;
import dev.nestflow.core.intrinsics.IntrinsicCall;
import dev.nestflow.core.intrinsics.IntrinsicParser;
import dev.nestflow.core.json.Json;
import dev.nestflow.core.paths.PathNotFoundException;
import dev.nestflow.core.paths.PathResolver;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;

/**
 * JSONPath-language expressions: the value of a {@code .$} field (a path or an intrinsic call) and
 * payload templates (Parameters, ResultSelector, ItemSelector). Intrinsic calls are parsed once per
 * distinct text and cached.
 */
final class Expressions {
  private Expressions() {}

  private static final ConcurrentHashMap<String, IntrinsicCall> INTRINSICS = new ConcurrentHashMap<>();

  /** The value of a {@code .$} field: an intrinsic function call or a path. */
  static JsonNode valueOf(String expression, PathResolver paths, RandomGenerator random) {
    // A parsed call is looked up before the shape check: the check runs a regular expression,
    // whose matcher was about 6% of what a map-inline run allocates.
    IntrinsicCall parsed = INTRINSICS.get(expression);
    if (parsed != null) {
      return parsed.evaluate(paths, random);
    }
    if (IntrinsicParser.looksLikeIntrinsic(expression)) {
      return INTRINSICS.computeIfAbsent(expression, IntrinsicParser::parse).evaluate(paths, random);
    }
    return paths.resolve(expression);
  }

  /**
   * Evaluates a payload template: fields whose name ends in {@code .$} take the value of their
   * expression (under the name without the suffix); everything else is copied as is.
   */
  static JsonNode template(JsonNode template, Scope scope, RandomGenerator random) {
    if (template instanceof ObjectNode obj) {
      ObjectNode out = Json.object();
      for (Iterator<Map.Entry<String, JsonNode>> it = obj.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        String key = field.getKey();
        JsonNode value = field.getValue();
        if (key.endsWith(".$") && value.isTextual()) {
          out.set(key.substring(0, key.length() - 2), fieldValue(key, value.asText(), scope, random));
        } else {
          out.set(key, template(value, scope, random));
        }
      }
      return out;
    }
    if (template instanceof ArrayNode arr) {
      ArrayNode out = Json.array();
      for (JsonNode item : arr) {
        out.add(template(item, scope, random));
      }
      return out;
    }
    return template;
  }

  private static JsonNode fieldValue(String key, String expression, Scope scope, RandomGenerator random) {
    try {
      return valueOf(expression, scope, random);
    } catch (PathNotFoundException e) {
      throw new StatesException(
          ErrorNames.RUNTIME,
          "The JSONPath '" + e.path() + "' specified for the field '" + key
              + "' could not be found in the input '" + Json.write(scope.input()) + "'");
    }
  }
}
