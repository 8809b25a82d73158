package dev.nestflow.infrastructure.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.json.Json;
import dev.nestflow.infrastructure.runtime.Redrivability;
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
    out.put("redriveCount", rec.redriveCount());
    Dates.put(out, "redriveDate", rec.redriveMillis());
    String whyNot = Redrivability.whyNot(rec, ctx.now(), ctx.store().stateMachine(rec.stateMachineArn()).isPresent());
    if (whyNot == null) {
      // TODO(map runs): REDRIVABLE_BY_MAP_RUN for a Distributed Map's child executions, once they are executions
      out.put("redriveStatus", "REDRIVABLE");
    } else {
      out.put("redriveStatus", "NOT_REDRIVABLE");
      out.put("redriveStatusReason", whyNot);
    }
    if (rec.running()) {
      DeadLetters.describe(out, ctx.store().deadLetters(rec.executionArn()), () -> ctx.store().signals(rec.executionArn()));
    }
    return out;
  }
}
