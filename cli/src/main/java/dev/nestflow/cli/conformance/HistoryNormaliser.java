package dev.nestflow.cli.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.json.Json;
import java.util.Iterator;
import java.util.Map;

/**
 * Turns an actual history event into the form the recorder stored: every string member holding JSON
 * object text ({@code input}, {@code output}, {@code cause}, {@code parameters}, assigned variables,
 * ...) becomes that object (parsed once; strings inside it stay strings). Optionally, as some cases'
 * notes say, every {@code output} member holding any JSON text is decoded too.
 */
public final class HistoryNormaliser {
  private final boolean decodeAllOutputs;

  public HistoryNormaliser(boolean decodeAllOutputs) {
    this.decodeAllOutputs = decodeAllOutputs;
  }

  public JsonNode normalise(JsonNode event) {
    return normalise(null, event);
  }

  private JsonNode normalise(String name, JsonNode value) {
    if (value.isTextual()) {
      return decode(name, value);
    }
    if (value.isObject()) {
      ObjectNode copy = Json.object();
      for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        copy.set(e.getKey(), normalise(e.getKey(), e.getValue()));
      }
      return copy;
    }
    if (value.isArray()) {
      ArrayNode copy = Json.array();
      value.forEach(e -> copy.add(normalise(null, e)));
      return copy;
    }
    return value;
  }

  private JsonNode decode(String name, JsonNode value) {
    String text = value.asText();
    boolean objectText = text.stripLeading().startsWith("{");
    boolean decodeAny = decodeAllOutputs && "output".equals(name);
    if (!objectText && !decodeAny) {
      return value;
    }
    try {
      JsonNode parsed = Json.parse(text);
      return parsed.isObject() || decodeAny ? parsed : value;
    } catch (RuntimeException e) {
      return value;
    }
  }
}
