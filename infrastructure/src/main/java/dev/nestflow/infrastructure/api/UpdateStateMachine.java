package dev.nestflow.infrastructure.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.json.Json;
import dev.nestflow.infrastructure.runtime.ApiException;
import dev.nestflow.infrastructure.store.StateMachineRecord;

/**
 * UpdateStateMachine: a new definition, role, logging or tracing configuration; running
 * executions keep the definition they started with. With {@code publish} the result is also a new version.
 */
final class UpdateStateMachine implements Operation {
  private final ApiContext ctx;

  UpdateStateMachine(ApiContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public ObjectNode invoke(ApiRequest r) {
    String given = r.required("stateMachineArn", 1, 256);
    String definition = r.string("definition", 1, StateMachines.MAX_DEFINITION);
    String roleArn = r.string("roleArn", 1, 256);
    ObjectNode logging = r.object("loggingConfiguration");
    ObjectNode tracing = r.object("tracingConfiguration");
    boolean publish = r.bool("publish", false);
    String versionDescription = r.string("versionDescription", 0, 256);
    if (versionDescription != null && !publish) {
      throw new ApiException(ApiErrors.VALIDATION, "Version description can only be set when publish is true");
    }
    Arn arn = Arn.parse(given, "stateMachine", 1, 1);
    if (definition == null && roleArn == null && logging == null && tracing == null) {
      throw new ApiException("MissingRequiredParameter",
          "Either the definition, the role ARN, the LoggingConfiguration, or the TracingConfiguration must be specified");
    }
    ObjectNode machine = ctx.stateMachine(arn.unqualifiedStateMachine(), given);
    String type = machine.path("type").asText();
    if (roleArn != null) {
      StateMachines.checkRoleArn(roleArn);
    }
    if (definition != null) {
      StateMachines.checkDefinition(definition, type);
    }
    StateMachineRecord current = StateMachines.definition(ctx, given);
    String newDefinition = definition == null ? current.definition() : definition;
    String newRole = roleArn == null ? current.roleArn() : roleArn;
    long now = ctx.now();
    if (!newDefinition.equals(current.definition()) || !newRole.equals(current.roleArn())) {
      StateMachines.putDefinition(ctx, given, current.name(), type, newDefinition, newRole);
      machine.put("revisionId", StateMachines.newRevision());
    }
    if (logging != null) {
      machine.set("loggingConfiguration", logging.deepCopy());
    }
    if (tracing != null) {
      machine.set("tracingConfiguration", tracing.deepCopy());
    }
    machine.put("updateDate", now);
    ctx.catalog().put(ApiCatalog.STATE_MACHINE, given, machine);
    ObjectNode out = Json.object();
    Dates.put(out, "updateDate", now);
    out.put("revisionId", machine.path("revisionId").asText());
    if (publish) {
      out.put("stateMachineVersionArn", StateMachines.publish(ctx, machine, versionDescription).path("stateMachineVersionArn").asText());
    }
    return out;
  }
}
