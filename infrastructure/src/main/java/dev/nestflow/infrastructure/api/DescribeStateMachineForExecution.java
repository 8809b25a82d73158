package dev.nestflow.infrastructure.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.json.Json;
import dev.nestflow.infrastructure.store.ExecutionRecord;
import java.util.Optional;

/** DescribeStateMachineForExecution: the definition the execution runs (its snapshot), not the latest one. */
final class DescribeStateMachineForExecution implements Operation {
  private final ApiContext ctx;

  DescribeStateMachineForExecution(ApiContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public ObjectNode invoke(ApiRequest r) {
    String given = r.required("executionArn", 1, 256);
    r.oneOf("includedData", java.util.List.of("ALL_DATA", "METADATA_ONLY"));
    ExecutionRecord rec = ctx.standardExecution(given);
    Optional<ObjectNode> machine = ctx.catalog().get(ApiCatalog.STATE_MACHINE, rec.stateMachineArn());
    ObjectNode out = Json.object();
    out.put("stateMachineArn", rec.stateMachineArn());
    out.put("name", rec.stateMachineArn().substring(rec.stateMachineArn().lastIndexOf(':') + 1));
    out.put("definition", rec.definition());
    out.put("roleArn", rec.roleArn());
    long updated = machine.map(m -> m.path(m.has("updateDate") ? "updateDate" : "creationDate").asLong()).orElse(rec.startMillis());
    Dates.put(out, "updateDate", updated);
    out.set("loggingConfiguration", machine.<JsonNode>map(m -> m.path("loggingConfiguration").deepCopy()).orElse(StateMachines.loggingDefault()));
    out.set("tracingConfiguration", machine.<JsonNode>map(m -> m.path("tracingConfiguration").deepCopy()).orElse(StateMachines.tracingDefault()));
    if ("MAP_RUN".equals(rec.parentPattern())) {
      // a distributed Map's child: its map run, and the label that follows the machine's name in its ARN
      out.put("mapRunArn", rec.parentArn());
      String resource = rec.stateMachineArn().substring(rec.stateMachineArn().indexOf(":stateMachine:") + 14);
      out.put("label", resource.substring(resource.indexOf('/') + 1));
    }
    return out;
  }
}
