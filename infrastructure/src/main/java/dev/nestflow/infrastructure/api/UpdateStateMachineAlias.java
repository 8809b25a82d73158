package dev.nestflow.infrastructure.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.json.Json;
import dev.nestflow.infrastructure.runtime.ApiException;
import java.util.List;

/**
 * UpdateStateMachineAlias: a new description or routing (at least one). New executions through
 * the alias follow the new routing; running ones keep their version.
 */
final class UpdateStateMachineAlias implements Operation {
  private final ApiContext ctx;

  UpdateStateMachineAlias(ApiContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public ObjectNode invoke(ApiRequest r) {
    String aliasArn = r.required("stateMachineAliasArn", 1, 256);
    String description = r.string("description", 0, 256);
    List<Aliases.Route> routes = Aliases.routing(r, ctx);
    if (description == null && routes == null) {
      throw new ApiException(ApiErrors.VALIDATION, "Either description or routingConfiguration must be specified");
    }
    ObjectNode alias = Aliases.get(ctx, aliasArn).deepCopy();
    if (routes != null) {
      String machine = Arn.parse(aliasArn).unqualifiedStateMachine();
      if (!Arn.parse(routes.get(0).versionArn()).unqualifiedStateMachine().equals(machine)) {
        throw new ApiException(ApiErrors.VALIDATION, "Routing configuration must contain versions of the alias's state machine");
      }
      alias.set("routingConfiguration", Aliases.toJson(routes));
    }
    if (description != null) {
      alias.put("description", description);
    }
    alias.put("updateDate", ctx.now());
    ctx.catalog().put(ApiCatalog.ALIAS, aliasArn, alias);
    ObjectNode out = Json.object();
    Dates.put(out, "updateDate", alias.path("updateDate").asLong());
    return out;
  }
}
