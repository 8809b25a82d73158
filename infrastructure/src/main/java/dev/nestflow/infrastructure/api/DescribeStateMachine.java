package dev.nestflow.infrastructure.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.json.Json;
import dev.nestflow.infrastructure.store.StateMachineRecord;

/** DescribeStateMachine, of a state machine or of one of its versions. */
final class DescribeStateMachine implements Operation {
  private final ApiContext ctx;

  DescribeStateMachine(ApiContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public ObjectNode invoke(ApiRequest r) {
    String given = r.required("stateMachineArn", 1, 256);
    r.oneOf("includedData", java.util.List.of("ALL_DATA", "METADATA_ONLY"));
    Arn arn = Arn.parse(given, "stateMachine", 1, 2);
    ObjectNode machine = ctx.stateMachine(arn.unqualifiedStateMachine(), given);
    ObjectNode version = null;
    if (arn.qualifier() != null) {
      version = ctx.catalog().get(ApiCatalog.VERSION, given).orElseThrow(() -> ApiErrors.stateMachineDoesNotExist(given));
    }
    StateMachineRecord definition = StateMachines.definition(ctx, given);
    ObjectNode out = Json.object();
    out.put("stateMachineArn", given);
    out.put("name", machine.path("name").asText());
    out.put("status", "ACTIVE");
    out.put("definition", definition.definition());
    out.put("roleArn", definition.roleArn());
    out.put("type", machine.path("type").asText());
    Dates.put(out, "creationDate", (version == null ? machine : version).path("creationDate").asLong());
    out.set("loggingConfiguration", machine.path("loggingConfiguration").deepCopy());
    out.set("tracingConfiguration", machine.path("tracingConfiguration").deepCopy());
    out.put("revisionId", (version == null ? machine : version).path("revisionId").asText());
    if (version != null && version.has("description")) {
      out.put("description", version.path("description").asText());
    }
    return out;
  }
}
