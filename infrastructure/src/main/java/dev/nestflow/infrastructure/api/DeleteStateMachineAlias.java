package dev.nestflow.infrastructure.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.json.Json;

/** DeleteStateMachineAlias: no new executions through it; its versions stay. */
final class DeleteStateMachineAlias implements Operation {
  private final ApiContext ctx;

  DeleteStateMachineAlias(ApiContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public ObjectNode invoke(ApiRequest r) {
    String aliasArn = r.required("stateMachineAliasArn", 1, 256);
    Aliases.get(ctx, aliasArn);
    ctx.catalog().delete(ApiCatalog.ALIAS, aliasArn);
    return Json.object();
  }
}
