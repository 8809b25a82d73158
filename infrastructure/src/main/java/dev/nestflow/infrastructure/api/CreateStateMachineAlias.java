package dev.nestflow.infrastructure.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.json.Json;
import dev.nestflow.infrastructure.runtime.ApiException;
import java.util.List;

/**
 * CreateStateMachineAlias: an alias of the state machine its versions belong to. Idempotent: the
 * same name, description and routing again answer the alias that exists; a different one is a
 * ConflictException.
 */
final class CreateStateMachineAlias implements Operation {
  private final ApiContext ctx;

  CreateStateMachineAlias(ApiContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public ObjectNode invoke(ApiRequest r) {
    String name = Aliases.checkName(r.required("name", 1, 80));
    String description = r.string("description", 0, 256);
    List<Aliases.Route> routes = Aliases.routing(r, ctx);
    if (routes == null) {
      throw ApiErrors.validationNull("routingConfiguration");
    }
    String machineArn = Arn.parse(routes.get(0).versionArn()).unqualifiedStateMachine();
    ctx.stateMachine(machineArn, machineArn);
    String aliasArn = machineArn + ":" + name;
    ObjectNode alias = Json.object();
    alias.put("stateMachineAliasArn", aliasArn);
    alias.put("name", name);
    if (description != null) {
      alias.put("description", description);
    }
    alias.set("routingConfiguration", Aliases.toJson(routes));
    long now = ctx.now();
    alias.put("creationDate", now);
    alias.put("updateDate", now);
    if (Aliases.of(ctx, machineArn).size() >= Aliases.MAX_PER_MACHINE
        && ctx.catalog().get(ApiCatalog.ALIAS, aliasArn).isEmpty()) {
      throw new ApiException("ServiceQuotaExceededException",
          "The state machine " + machineArn + " already has " + Aliases.MAX_PER_MACHINE + " aliases");
    }
    if (!ctx.catalog().putIfAbsent(ApiCatalog.ALIAS, aliasArn, alias)) {
      ObjectNode existing = ctx.catalog().get(ApiCatalog.ALIAS, aliasArn).orElseThrow();
      if (!existing.path("routingConfiguration").equals(alias.path("routingConfiguration"))
          || !existing.path("description").equals(alias.path("description"))) {
        throw new ApiException("ConflictException", "Failed to create alias because an alias with the same name and a "
            + "different routing configuration already exists.");
      }
      alias = existing;
    }
    ObjectNode out = Json.object();
    out.put("stateMachineAliasArn", aliasArn);
    Dates.put(out, "creationDate", alias.path("creationDate").asLong());
    return out;
  }
}
