package dev.nestflow.infrastructure.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.json.Json;

/** ListStateMachines, by ARN, paged. */
final class ListStateMachines implements Operation {
  private final ApiContext ctx;

  ListStateMachines(ApiContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public ObjectNode invoke(ApiRequest r) {
    Integer max = r.integer("maxResults", 0, 1000);
    String token = r.string("nextToken", 1, 1024);
    var page = PageTokens.page(ctx.catalog().list(ApiCatalog.STATE_MACHINE), max, token, "ListStateMachines", ctx.now());
    ObjectNode out = Json.object();
    ArrayNode items = out.putArray("stateMachines");
    for (ObjectNode m : page.items()) {
      ObjectNode item = items.addObject();
      item.put("stateMachineArn", m.path("stateMachineArn").asText());
      item.put("name", m.path("name").asText());
      item.put("type", m.path("type").asText());
      Dates.put(item, "creationDate", m.path("creationDate").asLong());
    }
    if (page.nextToken() != null) {
      out.put("nextToken", page.nextToken());
    }
    return out;
  }
}
