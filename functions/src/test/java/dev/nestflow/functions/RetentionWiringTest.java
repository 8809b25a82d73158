package dev.nestflow.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nestflow.infrastructure.store.DynamoDbExecutionStore;
import dev.nestflow.infrastructure.store.Retention;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Retention from the template to the store: the RetentionDays parameter (90 by default) reaches
 * every function as an environment variable, the table's TTL reads the attribute the store
 * writes, and the wiring turns the variable into the store's retention.
 */
class RetentionWiringTest {
  @Test
  void theTemplatePassesRetentionDaysToTheFunctionsAndTtlReadsTheStoresAttribute() throws IOException {
    String t = Files.readString(Path.of("..", "template.yaml"));

    assertThat(t).contains("  RetentionDays:\n    Type: Number\n    Default: 90\n    MinValue: 1\n");
    assertThat(t).contains("      Variables:\n").contains("        " + AwsWiring.RETENTION_DAYS + ": !Ref RetentionDays\n");
    assertThat(t).contains("      TimeToLiveSpecification:\n        AttributeName: " + DynamoDbExecutionStore.EXPIRES_AT
        + "\n        Enabled: true\n");
  }

  @Test
  void theVariableSetsTheRetentionAndItsAbsenceKeepsNinetyDays() {
    assertThat(AwsWiring.retention(Map.of(AwsWiring.RETENTION_DAYS, "30")).afterClose()).isEqualTo(Duration.ofDays(30));
    assertThat(AwsWiring.retention(Map.of())).isEqualTo(Retention.DEFAULT);
    assertThat(AwsWiring.retention(Map.of(AwsWiring.RETENTION_DAYS, ""))).isEqualTo(Retention.DEFAULT);
    assertThat(Retention.DEFAULT.afterClose()).isEqualTo(Duration.ofDays(90));
    assertThatThrownBy(() -> AwsWiring.retention(Map.of(AwsWiring.RETENTION_DAYS, "0")))
        .hasMessageContaining(AwsWiring.RETENTION_DAYS);
  }
}
