package dev.nestflow.infrastructure.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.json.Json;

/** DescribeStateMachineAlias: name, description, routing and dates. */
final class DescribeStateMachineAlias implements Operation {
  private final ApiContext ctx;

  DescribeStateMachineAlias(ApiContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public ObjectNode invoke(ApiRequest r) {
    ObjectNode alias = Aliases.get(ctx, r.required("stateMachineAliasArn", 1, 256));
    ObjectNode out = Json.object();
    out.put("stateMachineAliasArn", alias.path("stateMachineAliasArn").asText());
    out.put("name", alias.path("name").asText());
    if (alias.has("description")) {
      out.put("description", alias.path("description").asText());
    }
    out.set("routingConfiguration", alias.path("routingConfiguration").deepCopy());
    Dates.put(out, "creationDate", alias.path("creationDate").asLong());
    Dates.put(out, "updateDate", alias.path("updateDate").asLong());
    return out;
  }
}
