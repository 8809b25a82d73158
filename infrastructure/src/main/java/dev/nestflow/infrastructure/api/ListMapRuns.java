package dev.nestflow.infrastructure.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.json.Json;
import dev.nestflow.infrastructure.store.MapRunRecord;
import java.util.List;

/** ListMapRuns: the map runs an execution started, newest first, paged. */
final class ListMapRuns implements Operation {
  private final ApiContext ctx;

  ListMapRuns(ApiContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public ObjectNode invoke(ApiRequest r) {
    String executionArn = r.required("executionArn", 1, 256);
    Integer max = r.integer("maxResults", 0, 1000);
    String token = r.string("nextToken", 1, 1024);
    ctx.standardExecution(executionArn);
    List<MapRunRecord> all = ctx.store().mapRuns().mapRuns(executionArn);
    var page = PageTokens.page(all, max, token, "ListMapRuns " + executionArn, ctx.now());
    ObjectNode out = Json.object();
    ArrayNode runs = out.putArray("mapRuns");
    for (MapRunRecord run : page.items()) {
      ObjectNode item = runs.addObject();
      item.put("executionArn", run.executionArn());
      item.put("mapRunArn", run.mapRunArn());
      item.put("stateMachineArn", run.childStateMachineArn());
      Dates.put(item, "startDate", run.startMillis());
      Dates.put(item, "stopDate", run.running() ? null : run.stopMillis());
    }
    if (page.nextToken() != null) {
      out.put("nextToken", page.nextToken());
    }
    return out;
  }
}
