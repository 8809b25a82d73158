package dev.nestflow.functions.telemetry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nestflow.core.json.Json;
import dev.nestflow.infrastructure.api.SfnApi;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * The functions' logs and metrics as a Lambda writes them: JSON lines on standard output (one
 * CloudWatch Logs event each), metrics in {@code NESTFLOW_METRICS_NAMESPACE} (default
 * {@value Emf#DEFAULT_NAMESPACE}); logging levels read from each state machine through the API
 * router (built on first need, not on the cold path of a step that logs nothing new).
 */
public final class Telemetry {
  public static final String NAMESPACE_VARIABLE = "NESTFLOW_METRICS_NAMESPACE";

  private Telemetry() {}

  public static StepLog stepLog(Supplier<SfnApi> api) {
    return new StepLog(Telemetry::print, new LoggingConfigs(arn -> describe(api.get(), arn), System::currentTimeMillis),
        System.getenv(NAMESPACE_VARIABLE), System::currentTimeMillis);
  }

  public static ApiCallLog apiCallLog() {
    return new ApiCallLog(Telemetry::print, System.getenv(NAMESPACE_VARIABLE), System::currentTimeMillis);
  }

  /** DescribeStateMachine through the router; throws when the state machine cannot be read. */
  static JsonNode describe(SfnApi api, String stateMachineArn) {
    var request = Json.object();
    request.put("stateMachineArn", stateMachineArn);
    SfnApi.Response r = api.handle(SfnApi.TARGET_PREFIX + "DescribeStateMachine",
        Json.write(request).getBytes(StandardCharsets.UTF_8));
    if (r.status() != 200) {
      throw new IllegalStateException("DescribeStateMachine " + stateMachineArn + ": " + r.body());
    }
    return Json.parse(r.body());
  }

  private static void print(String line) {
    System.out.println(line);
  }
}
