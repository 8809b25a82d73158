package dev.nestflow.infrastructure.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nestflow.infrastructure.embedded.VirtualClock;
import dev.nestflow.infrastructure.testing.MotoTable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What the table holds for retention and definitions, read item by item: every item of an
 * execution carries the TTL attribute with the expiry the store's javadoc gives it, ending an
 * execution rewrites the head alone, and a definition is stored once in parts under the item limit.
 */
class DynamoDbRetentionMotoTest {
  private static final String TABLE = "nestflow-retention";
  private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
  private static final String MACHINE = "arn:aws:states:us-east-1:123456789012:stateMachine:kept";
  @RegisterExtension
  static final MotoTable MOTO = new MotoTable(TABLE);

  private static List<Map<String, AttributeValue>> items(String pk) {
    List<Map<String, AttributeValue>> out = new ArrayList<>();
    MOTO.client().queryPaginator(b -> b.tableName(TABLE).keyConditionExpression("pk = :pk")
            .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk))))
        .items().forEach(out::add);
    return out;
  }

  private static long expiresAt(Map<String, AttributeValue> item) {
    return Long.parseLong(item.get(DynamoDbExecutionStore.EXPIRES_AT).n());
  }

  @Test
  void everyItemOfAnExecutionCarriesItsExpiryAndEndingRewritesOnlyTheHead() {
    VirtualClock clock = new VirtualClock(T0);
    Retention retention = Retention.days(30);
    DynamoDbExecutionStore store = new DynamoDbExecutionStore(MOTO.client(), TABLE, retention, clock);
    StateMachineRecord machine = new StateMachineRecord(MACHINE, "kept", "STANDARD",
        "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"End\":true}}}", "arn:aws:iam::123456789012:role/r", 1);
    store.putStateMachine(machine);
    ExecutionRecord head = ExecutionRecord.started(MACHINE.replace("stateMachine", "execution") + ":e1", machine, "e1", "{}",
        T0.toEpochMilli(), 7);
    store.create(head);
    for (long seq = 2; seq <= 4; seq++) {
      store.append(head.executionArn(), new SignalEntry(seq, "s" + seq, "{}", clock.millis()));
    }
    store.putToken(new TokenRecord("tok-e1", head.executionArn(), "Task#1", clock.millis()));
    String activity = "arn:aws:states:us-east-1:123456789012:activity:a1";
    store.putActivityTask(new ActivityTaskRecord(activity, "tok-e1", head.executionArn(), "Task#1", "{}", clock.millis()));
    long whileRunning = T0.plus(Duration.ofDays(365 + 30)).getEpochSecond();
    List<Map<String, AttributeValue>> running = items("EXEC#" + head.executionArn());

    Instant end = T0.plus(Duration.ofMinutes(3));
    clock.advanceTo(end);
    store.end(head.advanced(4, "SUCCEEDED", end.toEpochMilli(), "{}", null, null));
    List<Map<String, AttributeValue>> ended = items("EXEC#" + head.executionArn());

    // the head (carrying the start: its input is small) and log entries 2 to 4
    assertThat(running).hasSize(4).allSatisfy(i -> assertThat(expiresAt(i)).isEqualTo(whileRunning));
    assertThat(items("TOKEN#tok-e1")).singleElement().satisfies(i -> assertThat(expiresAt(i)).isEqualTo(whileRunning));
    assertThat(items("ACTIVITY#" + activity)).singleElement().satisfies(i -> assertThat(expiresAt(i)).isEqualTo(whileRunning));
    assertThat(ended).hasSize(4).allSatisfy(i -> {
      long expected = "HEAD".equals(i.get("sk").s()) ? end.plus(Duration.ofDays(30)).getEpochSecond() : whileRunning;
      assertThat(expiresAt(i)).as(i.get("sk").s()).isEqualTo(expected);
    });
    assertThat(items("SM#" + MACHINE)).singleElement().satisfies(i -> assertThat(i).doesNotContainKey("definition"));
  }

  @Test
  void aDefinitionOfOneMebibyteIsStoredOnceInPartsUnderTheItemLimit() {
    DynamoDbExecutionStore store = new DynamoDbExecutionStore(MOTO.client(), TABLE);
    String definition = ExecutionStoreContract.oneMebibyteDefinition();
    String sha = Definitions.digest(definition);
    for (int version = 1; version <= 3; version++) {
      store.putStateMachine(new StateMachineRecord(MACHINE + "-big:" + version, "big", "STANDARD", definition, null, 1));
    }
    DynamoDbExecutionStore fresh = new DynamoDbExecutionStore(MOTO.client(), TABLE);   // nothing cached

    List<Map<String, AttributeValue>> stored = items("DEF#" + sha);

    assertThat(stored).extracting(i -> i.get("sk").s()).containsExactly("DEF", "PART#0000", "PART#0001", "PART#0002", "PART#0003");
    assertThat(stored).allSatisfy(i -> assertThat(DynamoDbItemSize.of(i)).isLessThan(DynamoDbItemSize.LIMIT));
    assertThat(fresh.stateMachine(MACHINE + "-big:2").orElseThrow().definition()).isEqualTo(definition);
  }
}
