package dev.nestflow.infrastructure.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.json.Json;

/** SendTaskFailure: the waiting task fails with the given error and cause, used verbatim. */
final class SendTaskFailure implements Operation {
  private final ApiContext ctx;

  SendTaskFailure(ApiContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public ObjectNode invoke(ApiRequest r) {
    String token = r.required("taskToken", 1, 2048);
    String error = r.string("error", 0, 256);
    String cause = r.string("cause", 0, 32_768);
    ctx.commands().sendTaskFailure(token, error, cause);
    return Json.object();
  }
}
