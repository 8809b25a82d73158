package dev.nestflow.functions.telemetry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nestflow.infrastructure.api.ApiCatalog;
import java.util.function.Supplier;

/**
 * The functions' logs and metrics as a Lambda writes them: JSON lines on standard output (one
 * CloudWatch Logs event each), metrics in {@code NESTFLOW_METRICS_NAMESPACE} (default
 * {@value Emf#DEFAULT_NAMESPACE}); logging levels read from each state machine's document in the
 * API's catalog (one GetItem a minute per state machine; the API router is not built for it, which
 * would cost a cold container's first step some 30 ms of class loading).
 */
public final class Telemetry {
  public static final String NAMESPACE_VARIABLE = "NESTFLOW_METRICS_NAMESPACE";

  private Telemetry() {}

  public static StepLog stepLog(Supplier<ApiCatalog> catalog) {
    return new StepLog(Telemetry::print, new LoggingConfigs(arn -> stateMachine(catalog.get(), arn), System::currentTimeMillis),
        System.getenv(NAMESPACE_VARIABLE), System::currentTimeMillis);
  }

  /** A state machine's document (with its loggingConfiguration); a version's ARN reads its machine's. */
  static JsonNode stateMachine(ApiCatalog catalog, String stateMachineArn) {
    String[] parts = stateMachineArn.split(":");
    String unqualified = parts.length > 7 ? String.join(":", java.util.Arrays.copyOf(parts, 7)) : stateMachineArn;
    return catalog.get(ApiCatalog.STATE_MACHINE, unqualified)
        .orElseThrow(() -> new IllegalStateException("no state machine " + unqualified));
  }

  public static ApiCallLog apiCallLog() {
    return new ApiCallLog(Telemetry::print, System.getenv(NAMESPACE_VARIABLE), System::currentTimeMillis);
  }

  private static void print(String line) {
    System.out.println(line);
  }
}
