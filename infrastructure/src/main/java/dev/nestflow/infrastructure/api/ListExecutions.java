package dev.nestflow.infrastructure.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.json.Json;
import dev.nestflow.infrastructure.runtime.ApiException;
import dev.nestflow.infrastructure.store.ExecutionRecord;
import java.util.List;

/**
 * ListExecutions of a Standard state machine (or of one version), newest first, optionally only
 * those with one status, paged.
 */
final class ListExecutions implements Operation {
  private static final List<String> STATUSES =
      List.of("RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED", "PENDING_REDRIVE");

  private final ApiContext ctx;

  ListExecutions(ApiContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public ObjectNode invoke(ApiRequest r) {
    String given = r.string("stateMachineArn", 1, 256);
    String status = r.oneOf("statusFilter", STATUSES);
    Integer max = r.integer("maxResults", 0, 1000);
    String token = r.string("nextToken", 1, 3096);
    String mapRun = r.string("mapRunArn", 1, 2000);
    String redriveFilter = r.oneOf("redriveFilter", List.of("REDRIVEN", "NOT_REDRIVEN"));
    if (given == null && mapRun == null) {
      throw new ApiException(ApiErrors.VALIDATION, "Must provide a StateMachine ARN or MapRun ARN");
    }
    if (given != null && mapRun != null) {
      throw new ApiException(ApiErrors.VALIDATION, "Must provide only one of StateMachine ARN or MapRun ARN");
    }
    if (given == null) {
      return MapRunExecutions.list(ctx, mapRun, status, max, token);
    }
    Arn arn = Arn.parse(given, "stateMachine", 1, 2);
    ObjectNode machine = ctx.stateMachine(arn.unqualifiedStateMachine(), given);
    if (!"STANDARD".equals(machine.path("type").asText())) {
      throw ApiErrors.typeNotSupported();
    }
    String version = arn.qualifier();
    boolean throughAlias = version != null && !arn.isVersion();
    List<ExecutionRecord> all = ctx.store().executions(arn.unqualifiedStateMachine()).stream()
        .filter(e -> status == null || status.equals(e.status()))
        .filter(e -> redriveFilter == null || "REDRIVEN".equals(redriveFilter) == (e.redriveCount() > 0))
        .filter(e -> version == null
            || given.equals(throughAlias ? Starts.aliasOf(ctx, e.executionArn()) : Starts.versionOf(ctx, e.executionArn())))
        .toList();
    var page = PageTokens.page(all, max, token, "ListExecutions " + given + " " + status, ctx.now());
    ObjectNode out = Json.object();
    ArrayNode items = out.putArray("executions");
    for (ExecutionRecord e : page.items()) {
      ObjectNode item = items.addObject();
      item.put("executionArn", e.executionArn());
      item.put("stateMachineArn", e.stateMachineArn());
      item.put("name", e.name());
      item.put("status", e.status());
      Dates.put(item, "startDate", e.startMillis());
      Dates.put(item, "stopDate", e.running() ? null : e.stopMillis());
      item.put("redriveCount", e.redriveCount());
      Dates.put(item, "redriveDate", e.redriveMillis());
      if (throughAlias) {
        item.put("stateMachineAliasArn", given);
      } else if (version != null) {
        item.put("stateMachineVersionArn", given);
      }
    }
    if (page.nextToken() != null) {
      out.put("nextToken", page.nextToken());
    }
    return out;
  }
}
