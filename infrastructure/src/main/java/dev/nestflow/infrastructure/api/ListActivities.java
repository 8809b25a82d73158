package dev.nestflow.infrastructure.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.json.Json;

/** ListActivities, by ARN, paged. */
final class ListActivities implements Operation {
  private final ApiContext ctx;

  ListActivities(ApiContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public ObjectNode invoke(ApiRequest r) {
    Integer max = r.integer("maxResults", 0, 1000);
    String token = r.string("nextToken", 1, 1024);
    var page = PageTokens.page(ctx.catalog().list(ApiCatalog.ACTIVITY), max, token, "ListActivities", ctx.now());
    ObjectNode out = Json.object();
    ArrayNode items = out.putArray("activities");
    for (ObjectNode a : page.items()) {
      ObjectNode item = items.addObject();
      item.put("activityArn", a.path("activityArn").asText());
      item.put("name", a.path("name").asText());
      Dates.put(item, "creationDate", a.path("creationDate").asLong());
    }
    if (page.nextToken() != null) {
      out.put("nextToken", page.nextToken());
    }
    return out;
  }
}
