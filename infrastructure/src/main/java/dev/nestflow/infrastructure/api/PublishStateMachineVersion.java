package dev.nestflow.infrastructure.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.json.Json;
import dev.nestflow.infrastructure.runtime.ApiException;

/** PublishStateMachineVersion: the current revision as a version (the latest one again if it already is). */
final class PublishStateMachineVersion implements Operation {
  private final ApiContext ctx;

  PublishStateMachineVersion(ApiContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public ObjectNode invoke(ApiRequest r) {
    String given = r.required("stateMachineArn", 1, 256);
    String revisionId = r.string("revisionId", 0, 256);
    String description = r.string("description", 0, 256);
    Arn arn = Arn.parse(given, "stateMachine", 1, 1);
    ObjectNode machine = ctx.stateMachine(arn.unqualifiedStateMachine(), given);
    if (revisionId != null && !revisionId.equals(machine.path("revisionId").asText())) {
      throw new ApiException("ConflictException",
          "Failed to publish the State Machine version for revision " + revisionId
              + ". The current State Machine revision is " + machine.path("revisionId").asText() + ".");
    }
    ObjectNode version = StateMachines.publish(ctx, machine, description);
    ObjectNode out = Json.object();
    Dates.put(out, "creationDate", version.path("creationDate").asLong());
    out.put("stateMachineVersionArn", version.path("stateMachineVersionArn").asText());
    return out;
  }
}
