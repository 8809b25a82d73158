package dev.nestflow.infrastructure.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.json.Json;
import dev.nestflow.infrastructure.runtime.ApiException;

/**
 * DeleteStateMachine: the machine, its versions and tags are gone (new starts, from the API or
 * from a nested startExecution task, are StateMachineDoesNotExist); executions already running
 * finish: they carry their own copy of the definition. Deleting twice is not an error.
 */
final class DeleteStateMachine implements Operation {
  private final ApiContext ctx;

  DeleteStateMachine(ApiContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public ObjectNode invoke(ApiRequest r) {
    String given = r.required("stateMachineArn", 1, 256);
    Arn arn = Arn.parse(given, "stateMachine", 1, 2);
    if (arn.qualifier() != null) {
      throw new ApiException(ApiErrors.VALIDATION, "Invalid State Machine Arn: '" + given + "'");
    }
    for (ObjectNode alias : Aliases.of(ctx, given)) {
      ctx.catalog().delete(ApiCatalog.ALIAS, alias.path("stateMachineAliasArn").asText());
    }
    for (ObjectNode version : StateMachines.versions(ctx, given)) {
      ctx.catalog().delete(ApiCatalog.VERSION, version.path("stateMachineVersionArn").asText());
    }
    ctx.catalog().delete(ApiCatalog.TAGS, given);
    ctx.catalog().delete(ApiCatalog.STATE_MACHINE, given);
    ctx.store().deleteStateMachine(given);
    return Json.object();
  }
}
