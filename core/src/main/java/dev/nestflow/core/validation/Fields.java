package dev.nestflow.core.validation;

import dev.nestflow.core.states.QueryLanguage;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/** Small field-level checks shared by the state, rule and handler checkers. */
final class Fields {
  private Fields() {}

  static final long MAX_SECONDS = 99_999_999L;

  static boolean isJsonataExpression(JsonNode node) {
    return node != null && node.isTextual() && isJsonataExpression(node.asText());
  }

  static boolean isJsonataExpression(String text) {
    // AWS takes " {% x %} " (with surrounding blanks) as a literal string, not an expression.
    return text.startsWith("{%") && text.endsWith("%}") && text.length() >= 4;
  }

  static boolean isIntegerIn(JsonNode node, long min, long max) {
    return node != null
        && node.isIntegralNumber()
        && node.canConvertToLong()
        && node.asLong() >= min
        && node.asLong() <= max;
  }

  /** An integer in range, or (in JSONata states) a JSONata expression to be evaluated later. */
  static void integer(
      JsonNode state, String field, long min, long max, QueryLanguage language, String location,
      Findings findings) {
    JsonNode value = state.get(field);
    if (value == null) {
      return;
    }
    if (language == QueryLanguage.JSONATA && isJsonataExpression(value)) {
      return;
    }
    if (!isIntegerIn(value, min, max)) {
      String range = max == MAX_SECONDS || max == Long.MAX_VALUE
          ? "an integer >= " + min
          : "an integer between " + min + " and " + max;
      findings.schema("Field '" + field + "' must be " + range, Findings.at(location, field));
    }
  }

  static void string(JsonNode state, String field, String location, Findings findings) {
    JsonNode value = state.get(field);
    if (value != null && !value.isTextual()) {
      findings.schema("Field '" + field + "' must be a string", Findings.at(location, field));
    }
  }

  static void path(JsonNode state, String field, boolean nullable, String location, Findings findings) {
    JsonNode value = state.get(field);
    if (value == null || (nullable && value.isNull())) {
      return;
    }
    if (!value.isTextual() || !PathSyntax.isPath(value.asText())) {
      findings.schema(
          "The value for the field '" + field + "' must be a valid JSONPath",
          Findings.at(location, field));
    }
  }

  static void exclusive(JsonNode state, String first, String second, String location, Findings findings) {
    if (state.has(first) && state.has(second)) {
      findings.schema(
          "Only one of the fields '" + first + "' and '" + second + "' may be specified", location);
    }
  }

  /**
   * A JSONPath payload template: every {@code name.$} field must hold a path or an intrinsic
   * call; other values are walked recursively.
   */
  static void payloadTemplate(JsonNode node, String location, CheckContext context) {
    if (node == null) {
      return;
    }
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> entry = it.next();
        String key = entry.getKey();
        JsonNode value = entry.getValue();
        if (key.endsWith(".$")) {
          if (!isPathOrIntrinsic(value, context)) {
            context.findings.schema(
                "The value for the field '" + key
                    + "' must be a valid JSONPath or a valid intrinsic function call",
                location);
          }
        } else {
          payloadTemplate(value, Findings.at(location, key), context);
        }
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        payloadTemplate(node.get(i), Findings.at(location, String.valueOf(i)), context);
      }
    }
  }

  static boolean isPathOrIntrinsic(JsonNode value, CheckContext context) {
    if (value == null || !value.isTextual()) {
      return false;
    }
    String text = value.asText();
    return text.startsWith("States.") ? context.intrinsics.isValidCall(text) : PathSyntax.isPath(text);
  }

  /**
   * Assign: an object; JSONPath states treat it as a payload template. (In JSONata states a
   * {@code name.$} field is an ordinary literal, as AWS accepts it.)
   */
  static void assign(JsonNode assign, String location, QueryLanguage language, CheckContext context) {
    if (assign == null) {
      return;
    }
    if (!assign.isObject()) {
      context.findings.schema("Field 'Assign' must be an object", location);
      return;
    }
    if (language == QueryLanguage.JSONPATH) {
      payloadTemplate(assign, location, context);
    }
  }
}
