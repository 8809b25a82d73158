package dev.nestflow.infrastructure.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.json.Json;

/** DeleteStateMachineVersion: the version can no longer be started or described. */
final class DeleteStateMachineVersion implements Operation {
  private final ApiContext ctx;

  DeleteStateMachineVersion(ApiContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public ObjectNode invoke(ApiRequest r) {
    String given = r.required("stateMachineVersionArn", 1, 256);
    Arn arn = Arn.parse(given, "stateMachine", 2, 2);
    if (!arn.isVersion()) {
      throw ApiErrors.invalidArn("Invalid Arn resource: " + given);
    }
    java.util.List<String> aliases = Aliases.of(ctx, arn.unqualifiedStateMachine()).stream()
        .filter(a -> Aliases.routes(a).stream().anyMatch(route -> route.versionArn().equals(given)))
        .map(a -> a.path("stateMachineAliasArn").asText())
        .toList();
    if (!aliases.isEmpty()) {
      throw new dev.nestflow.infrastructure.runtime.ApiException("ConflictException",
          "Version to be deleted must not be referenced by an alias. Current list of aliases referencing this version: "
              + aliases);
    }
    ctx.catalog().delete(ApiCatalog.VERSION, given);
    return Json.object();
  }
}
