package dev.nestflow.infrastructure.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.json.Json;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * GetExecutionHistory: the events rebuilt from the execution's signal log, oldest first (or
 * newest first with reverseOrder), paged; without execution data the payloads are left out.
 */
final class GetExecutionHistory implements Operation {
  /** Payload members of event details that includeExecutionData=false drops (with their *Details). */
  private static final Set<String> PAYLOADS = Set.of("input", "output", "parameters", "result");

  private final ApiContext ctx;

  GetExecutionHistory(ApiContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public ObjectNode invoke(ApiRequest r) {
    String given = r.required("executionArn", 1, 256);
    Integer max = r.integer("maxResults", 0, 1000);
    boolean reverse = r.bool("reverseOrder", false);
    String token = r.string("nextToken", 1, 1024);
    boolean withData = r.bool("includeExecutionData", true);
    ctx.standardExecution(given);
    List<ObjectNode> events = new ArrayList<>(ctx.commands().describe(given).orElseThrow().history());
    if (reverse) {
      Collections.reverse(events);
    }
    var page = PageTokens.page(events, max, token, "GetExecutionHistory " + given + " " + reverse, ctx.now());
    ObjectNode out = Json.object();
    ArrayNode items = out.putArray("events");
    for (ObjectNode e : page.items()) {
      items.add(withData ? e : withoutData(e));
    }
    if (page.nextToken() != null) {
      out.put("nextToken", page.nextToken());
    }
    return out;
  }

  private static ObjectNode withoutData(ObjectNode event) {
    ObjectNode copy = event.deepCopy();
    for (Iterator<Map.Entry<String, JsonNode>> it = copy.fields(); it.hasNext(); ) {
      JsonNode details = it.next().getValue();
      if (details.isObject()) {
        for (String payload : PAYLOADS) {
          ((ObjectNode) details).remove(payload);
          ((ObjectNode) details).remove(payload + "Details");
        }
      }
    }
    return copy;
  }
}
