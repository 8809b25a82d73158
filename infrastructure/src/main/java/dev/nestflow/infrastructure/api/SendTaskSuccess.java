package dev.nestflow.infrastructure.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.json.Json;

/** SendTaskSuccess: the output (JSON text, at most 256 KiB) becomes the waiting task's result. */
final class SendTaskSuccess implements Operation {
  private final ApiContext ctx;

  SendTaskSuccess(ApiContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public ObjectNode invoke(ApiRequest r) {
    String token = r.required("taskToken", 1, 2048);
    String output = r.required("output", 0, ExecutionInput.MAX);
    ctx.commands().sendTaskSuccess(token, output);
    return Json.object();
  }
}
