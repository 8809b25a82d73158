package dev.nestflow.infrastructure.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.json.Json;
import dev.nestflow.infrastructure.runtime.ApiException;
import dev.nestflow.infrastructure.runtime.ExecutionRuntime;
import dev.nestflow.infrastructure.runtime.TransitionMessage;
import dev.nestflow.infrastructure.store.ExecutionRecord;
import dev.nestflow.infrastructure.store.StateMachineRecord;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.UUID;

/**
 * Starting an execution through the API, shared by StartExecution and StartSyncExecution: the
 * request checks in AWS's order, then the runtime's start (an unqualified ARN) or a start of the
 * published version's definition (a version ARN; the execution is the state machine's, and remembers the version).
 */
final class Starts {
  private Starts() {}

  private static final SecureRandom SEEDS = new SecureRandom();

  record Request(String stateMachineArn, String name, String input) {}

  record Started(ExecutionRuntime.Started started, ObjectNode machine, String versionArn) {}

  static Request read(ApiRequest r) {
    String arn = r.required("stateMachineArn", 1, 256);
    String name = r.string("name", 1, 80);
    String input = r.string("input");
    r.string("traceHeader", 0, 256);
    return new Request(arn, name, input);
  }

  static Started start(ApiContext ctx, Request req) {
    Arn arn = Arn.parse(req.stateMachineArn(), "stateMachine", 1, 2);
    if (arn.qualifier() != null && !arn.isVersion()) {
      throw ApiErrors.stateMachineDoesNotExist(req.stateMachineArn()); // aliases are not supported
    }
    ObjectNode machine = ctx.stateMachine(arn.unqualifiedStateMachine(), req.stateMachineArn());
    if (req.name() != null) {
      ApiNames.check(req.name());
    }
    String input = ExecutionInput.check(req.input());
    if (arn.qualifier() == null) {
      return new Started(ctx.runtime().startExecution(req.stateMachineArn(), req.name(), input), machine, null);
    }
    ctx.catalog().get(ApiCatalog.VERSION, req.stateMachineArn())
        .orElseThrow(() -> ApiErrors.stateMachineDoesNotExist(req.stateMachineArn()));
    return new Started(startVersion(ctx, arn, req.name(), input), machine, req.stateMachineArn());
  }

  private static ExecutionRuntime.Started startVersion(ApiContext ctx, Arn arn, String name, String input) {
    StateMachineRecord version = StateMachines.definition(ctx, arn.text());
    String base = arn.unqualifiedStateMachine();
    String executionName = name == null ? UUID.randomUUID().toString() : name;
    String executionArn = "EXPRESS".equals(version.type())
        ? base.replace(":stateMachine:", ":express:") + ":" + executionName + ":" + UUID.randomUUID()
        : base.replace(":stateMachine:", ":execution:") + ":" + executionName;
    ExecutionRecord record = new ExecutionRecord(executionArn, base, executionName, version.type(), version.definition(),
        input, version.roleArn(), ctx.now(), SEEDS.nextLong(), 0, "RUNNING", null, null, null, null, null, null, null);
    if (!ctx.store().create(record)) {
      record = ctx.store().execution(executionArn)
          .filter(existing -> existing.running() && existing.inputText().equals(input))
          .orElseThrow(() -> new ApiException("ExecutionAlreadyExists", "Execution Already Exists: '" + executionArn + "'"));
    } else {
      ObjectNode link = Json.object();
      link.put("stateMachineVersionArn", arn.text());
      ctx.catalog().put(ApiCatalog.EXECUTION_VERSION, executionArn, link);
    }
    ctx.transitions().send(TransitionMessage.start(executionArn).toJson(), Duration.ZERO);
    return new ExecutionRuntime.Started(executionArn, record.startMillis());
  }

  /** The version an execution was started through, or null. */
  static String versionOf(ApiContext ctx, String executionArn) {
    return ctx.catalog().get(ApiCatalog.EXECUTION_VERSION, executionArn)
        .map(d -> d.path("stateMachineVersionArn").asText())
        .orElse(null);
  }
}
