package dev.nestflow.infrastructure.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.json.Json;

/** SendTaskHeartbeat: restarts the task's HeartbeatSeconds clock; writes no history event. */
final class SendTaskHeartbeat implements Operation {
  private final ApiContext ctx;

  SendTaskHeartbeat(ApiContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public ObjectNode invoke(ApiRequest r) {
    ctx.commands().sendTaskHeartbeat(r.required("taskToken", 1, 2048));
    return Json.object();
  }
}
