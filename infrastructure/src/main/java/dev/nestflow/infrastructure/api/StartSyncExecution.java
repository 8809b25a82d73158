package dev.nestflow.infrastructure.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.json.Json;
import dev.nestflow.infrastructure.store.ExecutionRecord;
import java.util.List;

/**
 * StartSyncExecution (Express only): starts, waits for the end (the transitions are applied by
 * whatever consumes the queue) and answers with the outcome; HTTP 200 even when the workflow failed.
 */
final class StartSyncExecution implements Operation {
  private final ApiContext ctx;

  StartSyncExecution(ApiContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public ObjectNode invoke(ApiRequest r) {
    Starts.Request req = Starts.read(r);
    String included = r.oneOf("includedData", List.of("ALL_DATA", "METADATA_ONLY"));
    Arn arn = Arn.parse(req.stateMachineArn(), "stateMachine", 1, 2);
    ObjectNode machine = ctx.stateMachine(arn.unqualifiedStateMachine(), req.stateMachineArn());
    if (!"EXPRESS".equals(machine.path("type").asText())) {
      throw ApiErrors.typeNotSupported();
    }
    Starts.Started s = Starts.start(ctx, req);
    String executionArn = s.started().executionArn();
    ExecutionRecord rec = awaitEnd(executionArn);
    if (rec.running()) {
      ctx.commands().stopExecution(executionArn, "States.Timeout", null);
    }
    ObjectNode out = Json.object();
    Executions.describe(out, rec, !"METADATA_ONLY".equals(included));
    if (rec.running()) {
      out.put("status", "TIMED_OUT");
      out.put("error", "States.Timeout");
      Dates.put(out, "stopDate", ctx.now());
    }
    if (s.versionArn() != null) {
      out.put("stateMachineVersionArn", s.versionArn());
    }
    long stop = rec.stopMillis() == null ? ctx.now() : rec.stopMillis();
    ObjectNode billing = out.putObject("billingDetails");
    billing.put("billedMemoryUsedInMB", 64);
    billing.put("billedDurationInMilliseconds", Math.max(100, (stop - rec.startMillis() + 99) / 100 * 100));
    return out;
  }

  private ExecutionRecord awaitEnd(String executionArn) {
    long deadline = System.nanoTime() + ctx.syncTimeout().toNanos();
    long pause = 2;
    while (true) {
      ExecutionRecord rec = ctx.store().execution(executionArn).orElseThrow();
      if (!rec.running() || System.nanoTime() > deadline) {
        return rec;
      }
      try {
        Thread.sleep(pause);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return rec;
      }
      pause = Math.min(100, pause * 2);
    }
  }
}
