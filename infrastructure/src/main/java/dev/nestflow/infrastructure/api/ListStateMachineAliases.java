package dev.nestflow.infrastructure.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.json.Json;

/** ListStateMachineAliases of a state machine, by name, paged. */
final class ListStateMachineAliases implements Operation {
  private final ApiContext ctx;

  ListStateMachineAliases(ApiContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public ObjectNode invoke(ApiRequest r) {
    String given = r.required("stateMachineArn", 1, 256);
    String token = r.string("nextToken", 1, 1024);
    Integer max = r.integer("maxResults", 0, 1000);
    Arn arn = Arn.parse(given, "stateMachine", 1, 1);
    ctx.stateMachine(arn.unqualifiedStateMachine(), given);
    var page = PageTokens.page(Aliases.of(ctx, given), max, token, "ListStateMachineAliases " + given, ctx.now());
    ObjectNode out = Json.object();
    ArrayNode items = out.putArray("stateMachineAliases");
    for (ObjectNode a : page.items()) {
      ObjectNode item = items.addObject();
      item.put("stateMachineAliasArn", a.path("stateMachineAliasArn").asText());
      Dates.put(item, "creationDate", a.path("creationDate").asLong());
    }
    if (page.nextToken() != null) {
      out.put("nextToken", page.nextToken());
    }
    return out;
  }
}
