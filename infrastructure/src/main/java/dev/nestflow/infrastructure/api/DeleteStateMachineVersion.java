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
    ctx.catalog().delete(ApiCatalog.VERSION, given);
    return Json.object();
  }
}
