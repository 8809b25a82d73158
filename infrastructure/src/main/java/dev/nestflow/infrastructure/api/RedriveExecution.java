package dev.nestflow.infrastructure.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.json.Json;

/**
 * RedriveExecution of a Standard execution that ended FAILED, TIMED_OUT or ABORTED: it runs again
 * from the states that did not succeed (see {@code ExecutionCommands#redriveExecution}); the
 * response is the redrive's date. An Express ARN is InvalidArn, as for the other execution operations.
 */
final class RedriveExecution implements Operation {
  private final ApiContext ctx;

  RedriveExecution(ApiContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public ObjectNode invoke(ApiRequest r) {
    String given = r.required("executionArn", 1, 256);
    String clientToken = r.string("clientToken", 1, 64);
    ctx.standardExecution(given);
    long redriveMillis = ctx.commands().redriveExecution(given, clientToken);
    ObjectNode out = Json.object();
    Dates.put(out, "redriveDate", redriveMillis);
    return out;
  }
}
