package dev.nestflow.infrastructure.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.json.Json;
import dev.nestflow.infrastructure.store.ExecutionRecord;
import java.util.List;

/** DescribeExecution of a Standard execution (an Express ARN is InvalidArn, as in AWS). */
final class DescribeExecution implements Operation {
  private final ApiContext ctx;

  DescribeExecution(ApiContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public ObjectNode invoke(ApiRequest r) {
    String given = r.required("executionArn", 1, 256);
    String included = r.oneOf("includedData", List.of("ALL_DATA", "METADATA_ONLY"));
    ExecutionRecord rec = ctx.standardExecution(given);
    ObjectNode out = Json.object();
    Executions.describe(out, rec, !"METADATA_ONLY".equals(included));
    String version = Starts.versionOf(ctx, given);
    if (version != null) {
      out.put("stateMachineVersionArn", version);
    }
    String alias = Starts.aliasOf(ctx, given);
    if (alias != null) {
      out.put("stateMachineAliasArn", alias);
    }
    if ("MAP_RUN".equals(rec.parentPattern())) {
      out.put("mapRunArn", rec.parentArn());
    }
    out.put("redriveCount", 0);
    out.put("redriveStatus", "NOT_REDRIVABLE");
    out.put("redriveStatusReason", "Execution is " + rec.status() + " and cannot be redriven");
    return out;
  }
}
