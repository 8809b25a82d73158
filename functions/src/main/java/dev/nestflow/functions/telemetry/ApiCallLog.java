package dev.nestflow.functions.telemetry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.json.Json;
import dev.nestflow.infrastructure.api.SfnApi;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The API function's record of every call (one JSON line: operation, status, error type, request
 * id, duration, and the execution or state machine it named), and the ExecutionsStarted metric
 * (EMF) for each StartExecution and StartSyncExecution that started one.
 */
public final class ApiCallLog implements Consumer<SfnApi.Call> {
  private final Consumer<String> out;
  private final String namespace;
  private final LongSupplier millis;

  public ApiCallLog(Consumer<String> out, String namespace, LongSupplier millis) {
    this.out = out;
    this.namespace = namespace == null || namespace.isBlank() ? Emf.DEFAULT_NAMESPACE : namespace;
    this.millis = millis;
  }

  @Override
  public void accept(SfnApi.Call call) {
    long now = millis.getAsLong();
    ObjectNode line = Json.object();
    line.put("time", Instant.ofEpochMilli(now).toString());
    line.put("level", call.status() >= 500 ? "ERROR" : "INFO");
    line.put("kind", "api");
    line.put("operation", call.operation());
    line.put("status", call.status());
    if (call.errorType() != null) {
      line.put("error", call.errorType());
    }
    line.put("request_id", call.requestId());
    line.put("duration_ms", Math.round(call.nanos() / 1000.0) / 1000.0);
    String execution = field(call, "executionArn");
    String machine = field(call, "stateMachineArn");
    if (execution != null) {
      line.put("execution_arn", execution);
    }
    if (machine != null) {
      line.put("state_machine_arn", machine);
    }
    out.accept(Json.write(line));
    if (call.status() == 200 && ("StartExecution".equals(call.operation()) || "StartSyncExecution".equals(call.operation()))) {
      out.accept(new Emf(namespace).dimension("StateMachineArn", machine != null ? machine : Arns.stateMachineOf(execution))
          .count("ExecutionsStarted", 1).line(now));
    }
  }

  /** A field of the response, else of the request. */
  private static String field(SfnApi.Call call, String name) {
    if (call.response() != null && call.response().hasNonNull(name)) {
      return call.response().get(name).asText();
    }
    return call.request() != null && call.request().hasNonNull(name) ? call.request().get(name).asText() : null;
  }
}
