package dev.nestflow.infrastructure.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.json.Json;
import dev.nestflow.infrastructure.store.ChildOutcome;
import dev.nestflow.infrastructure.store.MapRunRecord;
import java.util.Map;

/** DescribeMapRun: a map run's limits, status and counts. */
final class DescribeMapRun implements Operation {
  private final ApiContext ctx;

  DescribeMapRun(ApiContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public ObjectNode invoke(ApiRequest r) {
    String arn = r.required("mapRunArn", 1, 2000);
    MapRunRecord run = MapRuns.find(ctx, arn);
    Map<Integer, ChildOutcome> outcomes = ctx.store().mapRuns().outcomes(arn);
    ObjectNode out = Json.object();
    out.put("mapRunArn", run.mapRunArn());
    out.put("executionArn", run.executionArn());
    out.put("status", run.status());
    Dates.put(out, "startDate", run.startMillis());
    Dates.put(out, "stopDate", run.running() ? null : run.stopMillis());
    out.put("maxConcurrency", run.maxConcurrency());
    out.put("toleratedFailurePercentage", (float) run.toleratedFailurePercentage());
    out.put("toleratedFailureCount", run.toleratedFailureCount());
    MapRuns.counts(out.putObject("itemCounts"), run, outcomes);
    MapRuns.counts(out.putObject("executionCounts"), run, outcomes);
    out.put("redriveCount", run.redriveCount());
    Dates.put(out, "redriveDate", run.redriveMillis());
    return out;
  }
}
