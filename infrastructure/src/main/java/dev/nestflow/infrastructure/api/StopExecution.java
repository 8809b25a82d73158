package dev.nestflow.infrastructure.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.json.Json;
import dev.nestflow.infrastructure.store.ExecutionRecord;

/** StopExecution of a Standard execution: it ends ABORTED (with the given error and cause) once the stop is applied. */
final class StopExecution implements Operation {
  private final ApiContext ctx;

  StopExecution(ApiContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public ObjectNode invoke(ApiRequest r) {
    String given = r.required("executionArn", 1, 256);
    String error = r.string("error", 0, 256);
    String cause = r.string("cause", 0, 32_768);
    ExecutionRecord rec = ctx.standardExecution(given);
    long now = ctx.now();
    ctx.commands().stopExecution(given, error, cause);
    ObjectNode out = Json.object();
    Dates.put(out, "stopDate", rec.running() ? now : rec.stopMillis());
    return out;
  }
}
