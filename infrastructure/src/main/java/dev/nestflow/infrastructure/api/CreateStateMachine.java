package dev.nestflow.infrastructure.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.json.Json;
import dev.nestflow.infrastructure.runtime.ApiException;
import dev.nestflow.infrastructure.store.StateMachineRecord;
import java.util.Optional;

/**
 * CreateStateMachine: checks name, role and definition; the same request again returns the
 * existing machine, a different one under the same name is StateMachineAlreadyExists.
 */
final class CreateStateMachine implements Operation {
  private final ApiContext ctx;

  CreateStateMachine(ApiContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public ObjectNode invoke(ApiRequest r) {
    String name = r.required("name", 1, 80);
    String definition = r.required("definition", 1, StateMachines.MAX_DEFINITION);
    String roleArn = r.required("roleArn", 1, 256);
    String type = r.oneOf("type", StateMachines.TYPES);
    type = type == null ? "STANDARD" : type;
    ObjectNode logging = r.object("loggingConfiguration");
    ObjectNode tracing = r.object("tracingConfiguration");
    boolean publish = r.bool("publish", false);
    String versionDescription = r.string("versionDescription", 0, 256);
    var tags = Tags.parse(r.list("tags"));
    if (versionDescription != null && !publish) {
      throw new ApiException(ApiErrors.VALIDATION, "Version description can only be set when publish is true");
    }
    ApiNames.check(name);
    StateMachines.checkRoleArn(roleArn);
    StateMachines.checkDefinition(definition, type);

    String arn = ctx.arn("stateMachine", name);
    Optional<ObjectNode> existing = ctx.catalog().get(ApiCatalog.STATE_MACHINE, arn);
    if (existing.isPresent()) {
      return sameAsExisting(existing.get(), arn, type, definition, roleArn);
    }
    long now = ctx.now();
    ObjectNode machine = Json.object();
    machine.put("stateMachineArn", arn);
    machine.put("name", name);
    machine.put("type", type);
    machine.put("creationDate", now);
    machine.put("revisionId", StateMachines.newRevision());
    machine.set("loggingConfiguration", logging == null ? StateMachines.loggingDefault() : logging.deepCopy());
    machine.set("tracingConfiguration", tracing == null ? StateMachines.tracingDefault() : tracing.deepCopy());
    StateMachines.putDefinition(ctx, arn, name, type, definition, roleArn);
    if (!ctx.catalog().putIfAbsent(ApiCatalog.STATE_MACHINE, arn, machine)) {
      return sameAsExisting(ctx.catalog().get(ApiCatalog.STATE_MACHINE, arn).orElseThrow(), arn, type, definition, roleArn);
    }
    if (!tags.isEmpty()) {
      Tags.add(ctx, arn, tags);
    }
    ObjectNode out = Json.object();
    out.put("stateMachineArn", arn);
    Dates.put(out, "creationDate", now);
    if (publish) {
      out.put("stateMachineVersionArn", StateMachines.publish(ctx, machine, versionDescription).path("stateMachineVersionArn").asText());
    }
    return out;
  }

  private ObjectNode sameAsExisting(ObjectNode machine, String arn, String type, String definition, String roleArn) {
    StateMachineRecord stored = StateMachines.definition(ctx, arn);
    if (!stored.definition().equals(definition) || !stored.roleArn().equals(roleArn) || !stored.type().equals(type)) {
      throw new ApiException("StateMachineAlreadyExists", "State Machine Already Exists: '" + arn + "'");
    }
    ObjectNode out = Json.object();
    out.put("stateMachineArn", arn);
    Dates.put(out, "creationDate", machine.path("creationDate").asLong());
    return out;
  }
}
