package dev.nestflow.infrastructure.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.json.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Resource tags: {@code [{"key": k, "value": v}]} on the wire, one catalog document per resource. */
final class Tags {
  private Tags() {}

  static Map<String, String> parse(List<JsonNode> tags) {
    Map<String, String> out = new LinkedHashMap<>();
    for (JsonNode t : tags) {
      if (!t.isObject()) {
        throw ApiErrors.serialization("Start of structure expected at 'tags'");
      }
      ApiRequest tag = new ApiRequest((ObjectNode) t);
      String key = tag.string("key", 1, 128);
      String value = tag.string("value", 0, 256);
      if (key == null) {
        throw ApiErrors.validationNull("tags.member.key");
      }
      out.put(key, value == null ? "" : value);
    }
    return out;
  }

  static Map<String, String> of(ApiContext ctx, String resourceArn) {
    Map<String, String> out = new LinkedHashMap<>();
    ctx.catalog().get(ApiCatalog.TAGS, resourceArn)
        .ifPresent(doc -> doc.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText())));
    return out;
  }

  static void add(ApiContext ctx, String resourceArn, Map<String, String> tags) {
    Map<String, String> all = of(ctx, resourceArn);
    all.putAll(tags);
    write(ctx, resourceArn, all);
  }

  static void write(ApiContext ctx, String resourceArn, Map<String, String> tags) {
    if (tags.isEmpty()) {
      ctx.catalog().delete(ApiCatalog.TAGS, resourceArn);
      return;
    }
    ObjectNode doc = Json.object();
    tags.forEach(doc::put);
    ctx.catalog().put(ApiCatalog.TAGS, resourceArn, doc);
  }

  static ArrayNode toWire(Map<String, String> tags) {
    ArrayNode out = Json.array();
    tags.forEach((k, v) -> out.addObject().put("key", k).put("value", v));
    return out;
  }
}
