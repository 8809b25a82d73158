package dev.nestflow.infrastructure.store;

import dev.nestflow.infrastructure.testing.MotoTable;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The map run store contract against DynamoDB as moto_server emulates it (the execution table). */
class DynamoDbMapRunStoreMotoTest extends MapRunStoreContract {
  private static final String TABLE = "nestflow-map-runs";
  @RegisterExtension
  static final MotoTable MOTO = new MotoTable(TABLE);

  @Override
  protected MapRunStore newStore() {
    return new DynamoDbExecutionStore(MOTO.client(), TABLE).mapRuns();
  }

  @Test
  void everyItemOfAMapRunExpiresAYearAndTheRetentionAfterItWasWritten() {
    Instant now = Instant.parse("2026-03-01T00:00:00Z");
    Retention retention = new Retention(Duration.ofDays(30));
    MapRunStore expiring = new DynamoDbMapRunStore(MOTO.client(), TABLE, retention, Clock.fixed(now, ZoneOffset.UTC));
    String mapRunArn = "arn:aws:states:us-east-1:123456789012:mapRun:M/L:expiring";
    expiring.create(run(mapRunArn, now.toEpochMilli()));
    expiring.putInputs(mapRunArn, 0, "[1,2]");
    expiring.record(mapRunArn, 0, Map.of(0, ok("1"), 1, ok("\"" + "x".repeat(5_000) + "\"")));

    List<Map<String, AttributeValue>> items = MOTO.client().query(b -> b.tableName(TABLE)
        .keyConditionExpression("pk = :pk")
        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("MAPRUN#" + mapRunArn)))).items();
    long expected = Math.floorDiv(retention.whileRunning("STANDARD", now.toEpochMilli()) + 999, 1000);
    assertThat(items).extracting(i -> i.get("sk").s()).hasSizeGreaterThanOrEqualTo(4); // head, inputs, outcomes, a spill
    assertThat(items).allSatisfy(i ->
        assertThat(i.get(DynamoDbExecutionStore.EXPIRES_AT)).as(i.get("sk").s()).isEqualTo(AttributeValue.fromN(Long.toString(expected))));
  }
}
