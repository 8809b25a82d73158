package dev.nestflow.functions.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nestflow.core.json.Json;
import dev.nestflow.infrastructure.api.ApiCatalog;
import dev.nestflow.infrastructure.api.InMemoryApiCatalog;
import org.junit.jupiter.api.Test;

class TelemetryTest {
  @Test
  void theLoggingConfigurationOfAVersionIsItsStateMachines() {
    InMemoryApiCatalog catalog = new InMemoryApiCatalog();
    var machine = Json.object();
    machine.putObject("loggingConfiguration").put("level", "ERROR").put("includeExecutionData", true);
    catalog.put(ApiCatalog.STATE_MACHINE, "arn:aws:states:us-east-1:123456789012:stateMachine:M", machine);
    LoggingConfigs configs = new LoggingConfigs(arn -> Telemetry.stateMachine(catalog, arn), () -> 0);

    assertThat(configs.of("arn:aws:states:us-east-1:123456789012:stateMachine:M:3"))
        .isEqualTo(new LoggingConfigs.Config(LogLevel.ERROR, true));
    assertThat(configs.of("arn:aws:states:us-east-1:123456789012:stateMachine:Gone")).isEqualTo(LoggingConfigs.Config.OFF);
  }
}
