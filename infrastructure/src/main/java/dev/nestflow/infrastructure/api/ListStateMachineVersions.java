package dev.nestflow.infrastructure.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.json.Json;

/** ListStateMachineVersions, newest first, paged. */
final class ListStateMachineVersions implements Operation {
  private final ApiContext ctx;

  ListStateMachineVersions(ApiContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public ObjectNode invoke(ApiRequest r) {
    String given = r.required("stateMachineArn", 1, 256);
    Integer max = r.integer("maxResults", 0, 1000);
    String token = r.string("nextToken", 1, 1024);
    Arn arn = Arn.parse(given, "stateMachine", 1, 1);
    ctx.stateMachine(arn.unqualifiedStateMachine(), given);
    var page = PageTokens.page(StateMachines.versions(ctx, given), max, token, "ListStateMachineVersions " + given, ctx.now());
    ObjectNode out = Json.object();
    ArrayNode items = out.putArray("stateMachineVersions");
    for (ObjectNode v : page.items()) {
      ObjectNode item = items.addObject();
      item.put("stateMachineVersionArn", v.path("stateMachineVersionArn").asText());
      Dates.put(item, "creationDate", v.path("creationDate").asLong());
    }
    if (page.nextToken() != null) {
      out.put("nextToken", page.nextToken());
    }
    return out;
  }
}
