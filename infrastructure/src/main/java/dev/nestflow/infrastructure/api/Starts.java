package dev.nestflow.infrastructure.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.json.Json;
import dev.nestflow.infrastructure.runtime.ExecutionCommands;

/**
 * Starting an execution through the API, shared by StartExecution and StartSyncExecution: the
 * request checks in AWS's order, then the runtime's start (an unqualified ARN) or a start of the
 * published version's definition (a version ARN, or an alias ARN whose routing draws the version;
 * the execution is the state machine's, and remembers the version and the alias).
 */
final class Starts {
  private Starts() {}

  record Request(String stateMachineArn, String name, String input) {}

  record Started(ExecutionCommands.Started started, ObjectNode machine, String versionArn) {}

  static Request read(ApiRequest r) {
    String arn = r.required("stateMachineArn", 1, 256);
    String name = r.string("name", 1, 80);
    String input = r.string("input");
    r.string("traceHeader", 0, 256);
    return new Request(arn, name, input);
  }

  static Started start(ApiContext ctx, Request req) {
    Arn arn = Arn.parse(req.stateMachineArn(), "stateMachine", 1, 2);
    ObjectNode alias = null;
    if (arn.qualifier() != null && !arn.isVersion()) {
      alias = ctx.catalog().get(ApiCatalog.ALIAS, req.stateMachineArn())
          .orElseThrow(() -> ApiErrors.stateMachineDoesNotExist(req.stateMachineArn()));
    }
    ObjectNode machine = ctx.stateMachine(arn.unqualifiedStateMachine(), req.stateMachineArn());
    if (req.name() != null) {
      ApiNames.check(req.name());
    }
    String input = ExecutionInput.check(req.input());
    if (arn.qualifier() == null) {
      return new Started(ctx.commands().startExecution(req.stateMachineArn(), req.name(), input), machine, null);
    }
    // through an alias: the version its routing draws; the execution remembers both
    String version = alias == null ? req.stateMachineArn() : Aliases.pickVersion(alias);
    String aliasArn = alias == null ? null : req.stateMachineArn();
    ctx.catalog().get(ApiCatalog.VERSION, version)
        .orElseThrow(() -> ApiErrors.stateMachineDoesNotExist(version));
    return new Started(startVersion(ctx, Arn.parse(version), aliasArn, req.name(), input), machine, version);
  }

  private static ExecutionCommands.Started startVersion(ApiContext ctx, Arn arn, String aliasArn, String name, String input) {
    return ctx.commands().startVersion(arn.text(), name, input, executionArn -> {
      ObjectNode link = Json.object();
      link.put("stateMachineVersionArn", arn.text());
      if (aliasArn != null) {
        link.put("stateMachineAliasArn", aliasArn);
      }
      ctx.catalog().put(ApiCatalog.EXECUTION_VERSION, executionArn, link);
    });
  }

  /** The alias an execution was started through, or null. */
  static String aliasOf(ApiContext ctx, String executionArn) {
    return ctx.catalog().get(ApiCatalog.EXECUTION_VERSION, executionArn)
        .map(d -> d.path("stateMachineAliasArn").asText(null))
        .orElse(null);
  }

  /** The version an execution was started through, or null. */
  static String versionOf(ApiContext ctx, String executionArn) {
    return ctx.catalog().get(ApiCatalog.EXECUTION_VERSION, executionArn)
        .map(d -> d.path("stateMachineVersionArn").asText())
        .orElse(null);
  }
}
