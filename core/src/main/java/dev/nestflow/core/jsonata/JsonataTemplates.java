package dev.nestflow.core.jsonata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.json.Json;
import java.util.Iterator;
import java.util.Map;

/**
 * Evaluates the value of a JSONata state field (Arguments, Output, Assign, Items, Seconds, ...): a
 * string {@code "{% expr %}"} is replaced by the expression's value, objects and arrays are walked
 * member by member, anything else is kept as written. Failures carry Step Functions' texts and the
 * field path ({@code Output/result}).
 */
public final class JsonataTemplates {
  private JsonataTemplates() {}

  /** The value of {@code template} found at field {@code location}. */
  public static JsonNode evaluate(JsonNode template, String location, JsonataBindings bindings) {
    if (template == null) {
      return null;
    }
    if (template.isTextual()) {
      String expression = Jsonata.unwrap(template.textValue());
      return expression == null ? template : expression(expression, location, bindings);
    }
    if (template instanceof ObjectNode obj) {
      ObjectNode out = Json.object();
      for (Iterator<Map.Entry<String, JsonNode>> it = obj.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        out.set(field.getKey(), evaluate(field.getValue(), location + "/" + field.getKey(), bindings));
      }
      return out;
    }
    if (template instanceof ArrayNode arr) {
      ArrayNode out = Json.array();
      for (int i = 0; i < arr.size(); i++) {
        out.add(evaluate(arr.get(i), location + "[" + i + "]", bindings));
      }
      return out;
    }
    return template;
  }

  /** Whether {@code value} is a {@code "{% ... %}"} string. */
  public static boolean isExpression(JsonNode value) {
    return value != null && value.isTextual() && Jsonata.unwrap(value.textValue()) != null;
  }

  /** Evaluates one expression; its result must be defined and JSON. */
  public static JsonNode expression(String expression, String location, JsonataBindings bindings) {
    JsonNode value;
    try {
      value = Jsonata.compile(expression).evaluate(bindings);
    } catch (JsonataException e) {
      String prefix = "The JSONata expression '" + expression + "' specified for the field '" + location + "' ";
      if (e.kind() == JsonataException.Kind.UNSUPPORTED_RESULT) {
        throw new FieldEvaluationException(location, prefix + "returned an unsupported result type.");
      }
      throw new FieldEvaluationException(location, prefix + "threw an error during evaluation. " + e.describe());
    }
    if (value == null) {
      throw new FieldEvaluationException(
          location,
          "The JSONata expression '" + expression + "' specified for the field '" + location + "' returned nothing (undefined).");
    }
    return value;
  }

  /**
   * The failure for a field whose expression gave a value of the wrong JSON type, e.g. Items that
   * is not an array.
   */
  public static FieldEvaluationException unexpectedType(String expression, String location, String expected, JsonNode value) {
    return new FieldEvaluationException(
        location,
        "The JSONata expression '" + expression + "' specified for the field '" + location
            + "' returned an unexpected result type. Expected '" + expected + "', but was '" + typeName(value)
            + "' for value: " + Json.write(value));
  }

  /** The JSON type name Step Functions uses in its messages. */
  public static String typeName(JsonNode v) {
    return switch (v.getNodeType()) {
      case ARRAY -> "array";
      case OBJECT -> "object";
      case STRING -> "string";
      case NUMBER -> "number";
      case BOOLEAN -> "boolean";
      default -> "null";
    };
  }
}
