package dev.nestflow.infrastructure.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nestflow.infrastructure.testing.AwsTestClients;
import dev.nestflow.infrastructure.testing.MotoServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The store contract against DynamoDB as moto_server emulates it; one table for the class. */
class DynamoDbExecutionStoreMotoTest extends ExecutionStoreContract {
  private static final String TABLE = "nestflow-executions";
  private static MotoServer moto;
  private static DynamoDbClient client;

  @BeforeAll
  static void startMoto() throws Exception {
    moto = MotoServer.start();
    client = AwsTestClients.dynamoDb(moto.endpoint());
    DynamoDbExecutionStore.createTable(client, TABLE);
  }

  @AfterAll
  static void stopMoto() {
    if (client != null) {
      client.close();
    }
    if (moto != null) {
      moto.close();
    }
  }

  @Override
  protected boolean serialisesConcurrentConditionalWrites() {
    return false;
  }

  @Override
  protected ExecutionStore newStore(java.time.Clock clock, Retention retention) {
    return new DynamoDbExecutionStore(client, TABLE, retention, clock);
  }

  @Test
  void creatingTheTableAgainKeepsWhatItHolds() {
    StateMachineRecord machine = new StateMachineRecord("arn:sm:kept", "kept", "STANDARD", "{}", null, 1);
    store.putStateMachine(machine);

    DynamoDbExecutionStore.createTable(client, TABLE);

    assertThat(store.stateMachine("arn:sm:kept")).contains(machine);
  }

  @Test
  void signalOverTheItemLimitIsRefusedAndNothingIsWritten() {
    ExecutionRecord head = new ExecutionRecord("arn:exec:too-big", "arn:sm:too-big", "too-big", "STANDARD", "{}",
        "{}", null, 1, 1, 0, "RUNNING", null, null, null, null, null, null, null);
    store.create(head);
    SignalEntry huge = new SignalEntry(2, "s2", "\"" + "x".repeat(400_000) + "\"", 1);

    assertThatThrownBy(() -> store.append(head.executionArn(), huge))
        .isInstanceOf(ItemTooLargeException.class)
        .hasMessageContaining("signal 2 of arn:exec:too-big");
    assertThat(store.signals(head.executionArn())).containsExactly(SignalEntry.start(head.startMillis()));
    assertThat(store.execution(head.executionArn())).contains(head);
  }

  @Test
  void aStartEntryWhoseHeadNeverCameIsNeverReadAndDoesNotBlockTheName() {
    client.putItem(b -> b.tableName(TABLE).item(java.util.Map.of(
        "pk", AttributeValue.fromS("EXEC#arn:exec:half-made"), "sk", AttributeValue.fromS(DynamoDbExecutionStore.startKey("crashed")),
        "seq", AttributeValue.fromN("1"), "signalId", AttributeValue.fromS("start"),
        "definition", AttributeValue.fromS("{\"d\":1}"), "inputText", AttributeValue.fromS("{\"in\":1}"))));
    ExecutionRecord record = new ExecutionRecord("arn:exec:half-made", "arn:sm:half", "half-made", "STANDARD", "{\"d\":1}",
        "{\"in\":2}", null, 1, 1, 0, "RUNNING", null, null, null, null, null, null, null);

    assertThat(store.execution(record.executionArn())).isEmpty();
    assertThat(store.create(record)).isTrue();
    assertThat(store.execution(record.executionArn())).contains(record);
    assertThat(store.create(record)).isFalse();
  }
}
