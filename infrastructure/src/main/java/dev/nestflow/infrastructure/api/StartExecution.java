package dev.nestflow.infrastructure.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.json.Json;

/**
 * StartExecution: a Standard start is idempotent (same name and input while running returns the
 * same execution); an Express start is never.
 */
final class StartExecution implements Operation {
  private final ApiContext ctx;

  StartExecution(ApiContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public ObjectNode invoke(ApiRequest r) {
    Starts.Started s = Starts.start(ctx, Starts.read(r));
    ObjectNode out = Json.object();
    out.put("executionArn", s.started().executionArn());
    Dates.put(out, "startDate", s.started().startMillis());
    return out;
  }
}
