package dev.nestflow.infrastructure.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.json.Json;
import dev.nestflow.core.validation.DefinitionValidator;
import dev.nestflow.core.validation.Diagnostic;
import dev.nestflow.core.validation.InvalidDefinitionMessage;
import dev.nestflow.infrastructure.runtime.ApiException;
import dev.nestflow.infrastructure.store.ItemTooLargeException;
import dev.nestflow.infrastructure.store.StateMachineRecord;
import java.util.List;
import java.util.UUID;

/**
 * The state-machine side shared by the operations: definition checks, the runtime's copy of each
 * definition (the unqualified ARN holds the latest, a version ARN its own), publishing versions.
 */
final class StateMachines {
  private StateMachines() {}

  static final List<String> TYPES = List.of("STANDARD", "EXPRESS");
  static final int MAX_DEFINITION = 1_048_576;

  static void checkDefinition(String definition, String type) {
    List<Diagnostic> diagnostics = DefinitionValidator.validate(definition, type);
    if (diagnostics.stream().anyMatch(d -> DefinitionValidator.ERROR.equals(d.severity()))) {
      throw new ApiException("InvalidDefinition", InvalidDefinitionMessage.format(diagnostics));
    }
  }

  static void checkRoleArn(String roleArn) {
    String[] f = roleArn.split(":", 6);
    if (f.length < 6 || !"arn".equals(f[0]) || !"iam".equals(f[2]) || !f[5].startsWith("role/")) {
      throw ApiErrors.invalidArn("Invalid ARN prefix: " + roleArn);
    }
  }

  static String newRevision() {
    return UUID.randomUUID().toString();
  }

  static ObjectNode loggingDefault() {
    ObjectNode n = Json.object();
    n.put("level", "OFF");
    n.put("includeExecutionData", false);
    return n;
  }

  static ObjectNode tracingDefault() {
    ObjectNode n = Json.object();
    n.put("enabled", false);
    return n;
  }

  /** Stores the runtime's copy of a definition (a record too large for the store is a ValidationException). */
  static void putDefinition(ApiContext ctx, String arn, String name, String type, String definition, String roleArn) {
    try {
      ctx.store().putStateMachine(new StateMachineRecord(arn, name, type, definition, roleArn, ctx.now()));
    } catch (ItemTooLargeException e) {
      throw new ApiException(ApiErrors.VALIDATION, "The definition is too large for this deployment's store: " + e.getMessage());
    }
  }

  static StateMachineRecord definition(ApiContext ctx, String arn) {
    return ctx.store().stateMachine(arn).orElseThrow(() -> ApiErrors.stateMachineDoesNotExist(arn));
  }

  /**
   * Publishes the machine's current revision as a new version, or returns the latest version when
   * it already holds this revision. Updates {@code machine} in the catalog.
   */
  static ObjectNode publish(ApiContext ctx, ObjectNode machine, String description) {
    String arn = machine.path("stateMachineArn").asText();
    String revision = machine.path("revisionId").asText();
    JsonNode latest = machine.get("latestVersionArn");
    if (latest != null && revision.equals(machine.path("latestVersionRevision").asText())) {
      return ctx.catalog().get(ApiCatalog.VERSION, latest.asText()).orElseThrow();
    }
    int number = machine.path("lastVersion").asInt(0) + 1;
    String versionArn = arn + ":" + number;
    StateMachineRecord current = definition(ctx, arn);
    putDefinition(ctx, versionArn, current.name(), current.type(), current.definition(), current.roleArn());
    ObjectNode version = Json.object();
    version.put("stateMachineVersionArn", versionArn);
    version.put("stateMachineArn", arn);
    version.put("revisionId", revision);
    if (description != null) {
      version.put("description", description);
    }
    version.put("creationDate", ctx.now());
    ctx.catalog().put(ApiCatalog.VERSION, versionArn, version);
    machine.put("lastVersion", number);
    machine.put("latestVersionArn", versionArn);
    machine.put("latestVersionRevision", revision);
    ctx.catalog().put(ApiCatalog.STATE_MACHINE, arn, machine);
    return version;
  }

  /** The versions of a machine, newest first. */
  static List<ObjectNode> versions(ApiContext ctx, String arn) {
    return ctx.catalog().list(ApiCatalog.VERSION).stream()
        .filter(v -> v.path("stateMachineArn").asText().equals(arn))
        .sorted((a, b) -> Integer.compare(number(b), number(a)))
        .toList();
  }

  private static int number(JsonNode version) {
    String arn = version.path("stateMachineVersionArn").asText();
    return Integer.parseInt(arn.substring(arn.lastIndexOf(':') + 1));
  }
}
