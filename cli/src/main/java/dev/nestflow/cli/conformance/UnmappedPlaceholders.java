package dev.nestflow.cli.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.json.Json;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Placeholders left in a case after {@link PlaceholderMap} (names of resources the test used but
 * did not create, such as a table that does not exist: {@code <test-table>}) replaced by names a
 * service accepts ({@code nf-unmapped-N}), and back again in the result. Services see a valid name
 * where AWS saw one, so they answer "not found" rather than refusing the name's angle brackets.
 */
final class UnmappedPlaceholders {
  private static final Pattern TOKEN = Pattern.compile("<[A-Za-z0-9_-]+>");

  private final Map<String, String> forward = new LinkedHashMap<>();
  private final Map<String, String> back = new LinkedHashMap<>();

  /** The text with every leftover placeholder replaced (each one by its own name, the same on every call). */
  String toNames(String text) {
    Matcher m = TOKEN.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = forward.computeIfAbsent(m.group(), p -> "nf-unmapped-" + forward.size());
      back.putIfAbsent(name, m.group());
      m.appendReplacement(out, Matcher.quoteReplacement(name));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** The text with the names given out replaced by their placeholders again. */
  String toPlaceholders(String text) {
    if (text == null || back.isEmpty()) {
      return text;
    }
    String out = text;
    for (Map.Entry<String, String> e : back.entrySet()) {
      out = out.replace(e.getKey(), e.getValue());
    }
    return out;
  }

  /** A copy of the value with {@link #toPlaceholders} applied to every string. */
  JsonNode toPlaceholders(JsonNode value) {
    if (value == null || back.isEmpty()) {
      return value;
    }
    if (value.isTextual()) {
      return Json.NODES.textNode(toPlaceholders(value.asText()));
    }
    if (value.isObject()) {
      ObjectNode copy = Json.object();
      for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        copy.set(e.getKey(), toPlaceholders(e.getValue()));
      }
      return copy;
    }
    if (value.isArray()) {
      ArrayNode copy = Json.array();
      value.forEach(e -> copy.add(toPlaceholders(e)));
      return copy;
    }
    return value;
  }
}
