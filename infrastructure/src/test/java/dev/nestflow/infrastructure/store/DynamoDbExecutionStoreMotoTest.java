package dev.nestflow.infrastructure.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.nestflow.infrastructure.testing.MotoTable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The store contract against DynamoDB as moto_server emulates it; one table for the class. */
class DynamoDbExecutionStoreMotoTest extends ExecutionStoreContract {
  private static final String TABLE = "nestflow-executions";
  @RegisterExtension
  static final MotoTable MOTO = new MotoTable(TABLE);

  @Override
  protected boolean serialisesConcurrentConditionalWrites() {
    return false;
  }

  @Override
  protected ExecutionStore newStore(java.time.Clock clock, Retention retention) {
    return new DynamoDbExecutionStore(MOTO.client(), TABLE, retention, clock);
  }

  @Test
  void creatingTheTableAgainKeepsWhatItHolds() {
    StateMachineRecord machine = new StateMachineRecord("arn:sm:kept", "kept", "STANDARD", "{}", null, 1);
    store.putStateMachine(machine);

    DynamoDbExecutionStore.createTable(MOTO.client(), TABLE);

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
    MOTO.client().putItem(b -> b.tableName(TABLE).item(java.util.Map.of(
        "pk", AttributeValue.fromS("EXEC#arn:exec:half-made"), "sk", AttributeValue.fromS(DynamoDbExecutionStore.startKey("crashed")),
        "seq", AttributeValue.fromN("1"), "signalId", AttributeValue.fromS("start"),
        "definition", AttributeValue.fromS("{\"d\":1}"), "inputText", AttributeValue.fromS("{\"in\":1}"))));
    ExecutionRecord record = new ExecutionRecord("arn:exec:half-made", "arn:sm:half", "half-made", "STANDARD", "{\"d\":1}",
        "{\"in\":2}", null, 1, 1, 0, "RUNNING", null, null, null, null, null, null, null);

    assertThat(store.execution(record.executionArn())).isEmpty();
    assertThat(store.create(record)).isTrue();
    assertThat(store.execution(record.executionArn())).contains(record);
    assertThat(store.create(new ExecutionRecord("arn:exec:half-made", "arn:sm:half", "half-made", "STANDARD", "{\"d\":1}",
        "{\"in\":2}", null, 1, 2, 0, "RUNNING", null, null, null, null, null, null, null))).isFalse();
  }

  // ---- requests per operation

  /** Counts the DynamoDB operations its client calls (one per call, whatever the SDK's retries). */
  static final class Requests implements ExecutionInterceptor {
    private final Map<String, Integer> counts = new TreeMap<>();

    @Override
    public synchronized void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
      counts.merge(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), 1, Integer::sum);
    }

    /** The counts since the last call, by operation name. */
    synchronized Map<String, Integer> take() {
      Map<String, Integer> out = Map.copyOf(counts);
      counts.clear();
      return out;
    }
  }

  private static final StateMachineRecord COUNTED = new StateMachineRecord(
      "arn:aws:states:us-east-1:123456789012:stateMachine:counted", "counted", "STANDARD",
      "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"End\":true}}}", "arn:aws:iam::123456789012:role/r", 1);

  private static ExecutionRecord counted(String name, String input, long seed) {
    return ExecutionRecord.startedBy("arn:aws:states:us-east-1:123456789012:execution:counted:" + name, COUNTED, name,
        input, 1_000, seed, "arn:aws:states:us-east-1:123456789012:mapRun:counted/run", "0/10", "MAP_RUN").withKeyId("k1");
  }

  /** A store on a client that counts its requests; it has read the state machine (its definition is cached). */
  private static DynamoDbExecutionStore countedStore(DynamoDbClient counting) {
    DynamoDbExecutionStore counted = new DynamoDbExecutionStore(counting, TABLE, Retention.DEFAULT,
        java.time.Clock.fixed(java.time.Instant.EPOCH, java.time.ZoneOffset.UTC));
    counted.stateMachine(COUNTED.stateMachineArn()).orElseThrow();
    return counted;
  }

  private static DynamoDbClient countingClient(Requests requests) {
    return DynamoDbClient.builder()
        .endpointOverride(MOTO.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .overrideConfiguration(c -> c.addExecutionInterceptor(requests))
        .build();
  }

  @Test
  void aChildCostsOneWriteToCreateOneReadToOpenAndNoReadOnceAdopted() {
    store.putStateMachine(COUNTED);
    Requests requests = new Requests();
    try (DynamoDbClient counting = countingClient(requests)) {
      DynamoDbExecutionStore creator = countedStore(counting);
      DynamoDbExecutionStore opener = countedStore(counting);
      DynamoDbExecutionStore consumer = countedStore(counting);
      ExecutionRecord child = counted("child-1", "{\"item\":1}", 11);
      ExecutionRecord other = counted("child-2", "{\"item\":2}", 12);
      requests.take();

      assertThat(creator.create(child)).isTrue();
      assertThat(requests.take()).as("create").containsExactly(entry("PutItem", 1));
      creator.create(other);
      creator.append(other.executionArn(), new SignalEntry(2, "s2", "{}", 2_000));
      requests.take();

      ExecutionStore.Opened opened = opener.open(other.executionArn(), 100).orElseThrow();
      assertThat(requests.take()).as("open of a short log").containsExactly(entry("Query", 1));
      assertThat(opened.record()).isEqualTo(other);
      assertThat(opened.log()).extracting(SignalEntry::signalId).containsExactly("start", "s2");

      consumer.adopt(child);
      assertThat(consumer.append(child.executionArn(), new SignalEntry(2, "s2", "{}", 2_000))).isTrue();
      ExecutionRecord done = child.advanced(2, "SUCCEEDED", 3_000L, "{\"done\":1}", null, null);
      assertThat(consumer.end(done)).isTrue();
      assertThat(requests.take()).as("adopt, append, end").containsExactly(entry("PutItem", 2));
      assertThat(store.execution(child.executionArn())).contains(done);
      assertThat(store.signals(child.executionArn())).extracting(SignalEntry::signalId).containsExactly("start", "s2");
    }
  }

  @Test
  void theHeadOfAMapRunChildWithASmallInputIsOneWriteUnit() {
    StateMachineRecord machine = new StateMachineRecord(
        "arn:aws:states:us-east-1:123456789012:stateMachine:orders-distributed-map/ProcessOrders", "orders", "STANDARD",
        COUNTED.definition(), "arn:aws:iam::123456789012:role/orders-distributed-map-role", 1);
    String name = "0f8fad5b-d9cb-469f-a165-70867728950e";
    ExecutionRecord child = ExecutionRecord.startedBy(machine.stateMachineArn().replace(":stateMachine:", ":execution:")
            + ":" + name, machine, name, "{\"orderId\":\"A-000123\",\"amount\":42.5,\"currency\":\"EUR\"}",
        1_764_900_000_123L, -4_611_686_018_427_387_904L,
        "arn:aws:states:us-east-1:123456789012:mapRun:orders-distributed-map/ProcessOrders:7c9e6679-7425-40de-944b-e07fc1f90ae7",
        "1234/10000", "MAP_RUN").withKeyId("k-2026-12-01");
    store.create(child);

    Map<String, AttributeValue> head = MOTO.client().getItem(b -> b.tableName(TABLE).key(Map.of(
        "pk", AttributeValue.fromS("EXEC#" + child.executionArn()), "sk", AttributeValue.fromS("HEAD")))).item();

    assertThat(DynamoDbItemSize.of(head)).isLessThanOrEqualTo(1024);
    assertThat(store.execution(child.executionArn())).contains(child);
  }

  @Test
  void aLargeInputTakesTwoWritesToCreateAndARetriedCreateReadsTheHeadOnce() {
    store.putStateMachine(COUNTED);
    Requests requests = new Requests();
    try (DynamoDbClient counting = countingClient(requests)) {
      DynamoDbExecutionStore creator = countedStore(counting);
      ExecutionRecord large = counted("large", "\"" + "x".repeat(DynamoDbExecutionStore.INLINE_INPUT_BYTES) + "\"", 13);
      ExecutionRecord small = counted("small", "{}", 14);
      requests.take();

      assertThat(creator.create(large)).isTrue();
      assertThat(requests.take()).as("create with a large input").containsExactly(entry("PutItem", 2));
      creator.create(small);
      requests.take();
      assertThat(creator.create(small)).isTrue();
      assertThat(requests.take()).as("create retried").containsOnly(entry("PutItem", 1), entry("GetItem", 1));
      assertThat(creator.create(counted("small", "{}", 15))).isFalse();
      assertThat(store.execution(large.executionArn())).contains(large);
      assertThat(store.execution(small.executionArn())).contains(small);
    }
  }

  @Test
  void openCutOffBeforeTheStartItemReadsItAndLeavesTheLogToTheCaller() {
    ExecutionRecord record = new ExecutionRecord("arn:exec:many-starts", "arn:sm:many", "many-starts", "STANDARD",
        "{\"d\":4}", "\"" + "x".repeat(DynamoDbExecutionStore.INLINE_INPUT_BYTES) + "\"", null, 1_000_000, 5, 0, "RUNNING",
        null, null, null, null, null, null, null);
    store.create(record);
    for (int n = 0; n < 12; n++) {   // start items of creates that never wrote their head, sorting before this one's
      String inc = "0." + n;
      MOTO.client().putItem(b -> b.tableName(TABLE).item(Map.of("pk", AttributeValue.fromS("EXEC#" + record.executionArn()),
          "sk", AttributeValue.fromS(DynamoDbExecutionStore.startKey(inc)), "inputText", AttributeValue.fromS("{}"))));
    }

    assertThat(newStore().open(record.executionArn(), 1)).contains(new ExecutionStore.Opened(record, null));
    assertThat(newStore().open(record.executionArn(), 100))
        .contains(new ExecutionStore.Opened(record, List.of(SignalEntry.start(1_000_000))));
  }

  @Test
  void aHeadWrittenBeforeHeadsCarriedTheStartIsReadFromItsStartItem() {
    ExecutionRecord record = new ExecutionRecord("arn:exec:old-layout", "arn:sm:old", "old-layout", "STANDARD",
        "{\"d\":2}", "{\"in\":3}", null, 1, 5, 0, "RUNNING", null, null, null, null, null, null, null, 0, null, "k0");
    store.create(record);
    Map<String, AttributeValue> key = Map.of("pk", AttributeValue.fromS("EXEC#" + record.executionArn()),
        "sk", AttributeValue.fromS("HEAD"));
    Map<String, AttributeValue> head = new HashMap<>(MOTO.client().getItem(b -> b.tableName(TABLE).key(key)).item());
    Map<String, AttributeValue> start = new HashMap<>(Map.of(
        "pk", head.get("pk"), "sk", AttributeValue.fromS(DynamoDbExecutionStore.startKey(head.get("inc").s())),
        "seq", AttributeValue.fromN("1"), "signalId", AttributeValue.fromS("start"),
        "signalJson", AttributeValue.fromS("{\"type\":\"Start\"}"), "atMillis", AttributeValue.fromN("1")));
    for (String moved : List.of("definitionSha", "inputText", "keyId")) {
      start.put(moved, head.remove(moved));
    }
    head.remove("startInline");
    MOTO.client().putItem(b -> b.tableName(TABLE).item(start));
    MOTO.client().putItem(b -> b.tableName(TABLE).item(head));
    ExecutionStore fresh = newStore(java.time.Clock.fixed(java.time.Instant.EPOCH, java.time.ZoneOffset.UTC),
        Retention.DEFAULT);

    assertThat(fresh.execution(record.executionArn())).contains(record);
    assertThat(newStore().open(record.executionArn(), 5)).contains(new ExecutionStore.Opened(record,
        List.of(SignalEntry.start(1))));
    assertThat(fresh.executions("arn:sm:old")).containsExactly(record);
    ExecutionRecord failed = record.advanced(1, "FAILED", 9L, null, "E", "C");
    assertThat(fresh.end(failed)).isTrue();
    assertThat(newStore().execution(record.executionArn())).contains(failed);
  }
}
