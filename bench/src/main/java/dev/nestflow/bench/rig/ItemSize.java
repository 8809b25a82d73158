package dev.nestflow.bench.rig;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;

/**
 * DynamoDB's size of an item in the wire format (JSON attribute values), as the service counts it
 * against its 400 KB limit and bills it: attribute names and strings in UTF-8, numbers one byte per
 * two significant digits plus one, binaries their decoded length, 1 byte for a boolean or null, and
 * 3 bytes plus the elements for a list or map.
 */
final class ItemSize {
  private ItemSize() {}

  static long of(JsonNode item) {
    long total = 0;
    if (item == null || !item.isObject()) {
      return 0;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = item.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> a = it.next();
      total += utf8(a.getKey()) + value(a.getValue());
    }
    return total;
  }

  private static long value(JsonNode v) {
    if (v == null || !v.isObject() || v.size() != 1) {
      return 0;
    }
    Map.Entry<String, JsonNode> typed = v.fields().next();
    JsonNode x = typed.getValue();
    return switch (typed.getKey()) {
      case "S" -> utf8(x.asText());
      case "N" -> number(x.asText());
      case "B" -> Base64.getDecoder().decode(x.asText()).length;
      case "BOOL", "NULL" -> 1;
      case "SS" -> sum(x, e -> utf8(e.asText()));
      case "NS" -> sum(x, e -> number(e.asText()));
      case "BS" -> sum(x, e -> Base64.getDecoder().decode(e.asText()).length);
      case "L" -> 3 + sum(x, e -> 1 + value(e));
      case "M" -> 3 + of(x) + x.size();
      default -> 0;
    };
  }

  private static long sum(JsonNode array, java.util.function.ToLongFunction<JsonNode> size) {
    long total = 0;
    for (JsonNode e : array) {
      total += size.applyAsLong(e);
    }
    return total;
  }

  private static long number(String n) {
    String digits = n.replace("-", "").replace(".", "").replaceFirst("^0+(?=.)", "");
    return Math.min(21, (digits.length() + 1) / 2 + 1);
  }

  private static long utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }
}
