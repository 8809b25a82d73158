package dev.nestflow.core.intrinsics;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nestflow.core.json.Json;
import java.util.Iterator;
import java.util.Map;

/** Small helpers over JSON values that several intrinsic functions share. */
public final class JsonTypes {
  private JsonTypes() {}

  /** An integer node, as small as the value allows (so it equals what the JSON parser makes of it). */
  public static JsonNode integer(long value) {
    return value == (int) value ? Json.NODES.numberNode((int) value) : Json.NODES.numberNode(value);
  }

  /** The JSON type name of a value, for error messages. */
  public static String describe(JsonNode value) {
    if (value == null || value.isMissingNode()) {
      return "missing";
    }
    return switch (value.getNodeType()) {
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case NULL -> "null";
      case ARRAY -> "an array";
      case OBJECT -> "a JSON object";
      default -> value.getNodeType().name().toLowerCase();
    };
  }

  /**
   * JSON value equality as the intrinsics use it: objects ignore member order, integers equal
   * integers and decimals equal decimals by value, but an integer never equals a decimal.
   */
  public static boolean sameValue(JsonNode a, JsonNode b) {
    if (a.isNumber() && b.isNumber()) {
      if (a.isIntegralNumber() != b.isIntegralNumber()) {
        return false;
      }
      return a.isIntegralNumber()
          ? a.bigIntegerValue().equals(b.bigIntegerValue())
          : a.decimalValue().compareTo(b.decimalValue()) == 0;
    }
    if (a.getNodeType() != b.getNodeType()) {
      return false;
    }
    if (a.isArray()) {
      if (a.size() != b.size()) {
        return false;
      }
      for (int i = 0; i < a.size(); i++) {
        if (!sameValue(a.get(i), b.get(i))) {
          return false;
        }
      }
      return true;
    }
    if (a.isObject()) {
      if (a.size() != b.size()) {
        return false;
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        JsonNode other = b.get(field.getKey());
        if (other == null || !sameValue(field.getValue(), other)) {
          return false;
        }
      }
      return true;
    }
    return a.equals(b);
  }

  /**
   * A value as AWS's Java runtime prints it inside States.Format: strings bare, integers in full,
   * decimals like Java's {@code Double.toString}, objects as {@code {k=v, k2=v2}} and arrays as
   * {@code [a, b]}.
   */
  public static String render(JsonNode value) {
    StringBuilder out = new StringBuilder();
    render(value, out);
    return out.toString();
  }

  private static void render(JsonNode value, StringBuilder out) {
    switch (value.getNodeType()) {
      case STRING -> out.append(value.textValue());
      case NUMBER -> out.append(
          value.isIntegralNumber() ? value.bigIntegerValue().toString() : Double.toString(value.doubleValue()));
      case BOOLEAN -> out.append(value.booleanValue());
      case ARRAY -> {
        out.append('[');
        for (int i = 0; i < value.size(); i++) {
          if (i > 0) {
            out.append(", ");
          }
          render(value.get(i), out);
        }
        out.append(']');
      }
      case OBJECT -> {
        out.append('{');
        boolean first = true;
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> field = it.next();
          if (!first) {
            out.append(", ");
          }
          first = false;
          out.append(field.getKey()).append('=');
          render(field.getValue(), out);
        }
        out.append('}');
      }
      default -> out.append("null");
    }
  }
}
