package dev.nestflow.infrastructure.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nestflow.core.json.Json;
import dev.nestflow.infrastructure.queue.InMemoryQueue;
import dev.nestflow.infrastructure.queue.QueueMessage;
import dev.nestflow.infrastructure.store.DynamoDbExecutionStore;
import dev.nestflow.infrastructure.store.ExecutionRecord;
import dev.nestflow.infrastructure.store.StateMachineRecord;
import dev.nestflow.infrastructure.tasks.InvocationPool;
import dev.nestflow.infrastructure.tasks.TaskDurations;
import dev.nestflow.infrastructure.tasks.TaskOutcome;
import dev.nestflow.infrastructure.testing.MotoServer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * What a distributed Map costs in DynamoDB requests per item on the DynamoDB store (moto_server),
 * counted by operation: the parent's log stays at a handful of entries whatever the item count,
 * and an Express child costs a small fraction of a request (its outcome shares one write with its
 * chunk's). Prints the counts; the figures are in BENCHMARKS.md.
 */
class MapRunRequestsMotoTest {
  private static final String TABLE = "nestflow-map-run-requests";
  private static final String SM = "arn:aws:states:us-east-1:123456789012:stateMachine:Fan";
  private static MotoServer moto;
  private static DynamoDbClient client;
  private static final Map<String, AtomicLong> requests = new ConcurrentHashMap<>();
  /** The requests on a map run's own items (its head, input and outcome chunks), by operation. */
  private static final Map<String, AtomicLong> mapRunRequests = new ConcurrentHashMap<>();

  @BeforeAll
  static void startMoto() throws Exception {
    moto = MotoServer.start();
    client = DynamoDbClient.builder()
        .endpointOverride(moto.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .overrideConfiguration(c -> c.addExecutionInterceptor(new ExecutionInterceptor() {
          @Override
          public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            String operation = context.request().getClass().getSimpleName().replace("Request", "");
            requests.computeIfAbsent(operation, k -> new AtomicLong()).incrementAndGet();
            if (onMapRun(context.request())) {
              mapRunRequests.computeIfAbsent(operation, k -> new AtomicLong()).incrementAndGet();
            }
          }
        }))
        .build();
    DynamoDbExecutionStore.createTable(client, TABLE);
  }

  private static boolean onMapRun(Object request) {
    Map<String, AttributeValue> key = request instanceof GetItemRequest g ? g.key()
        : request instanceof UpdateItemRequest u ? u.key()
        : request instanceof PutItemRequest p ? p.item()
        : request instanceof QueryRequest q ? Map.of("pk", q.expressionAttributeValues().getOrDefault(":pk", AttributeValue.fromS("")))
        : Map.of();
    AttributeValue pk = key.get("pk");
    return pk != null && pk.s() != null && pk.s().startsWith("MAPRUN#");
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

  private record Run(long requests, Map<String, Long> byOperation, int parentLogEntries, ExecutionRecord parent,
      Map<String, Long> onMapRun) {}

  private static Run run(String name, String executionType, int items) {
    return run(name, executionType, items, 0);
  }

  private static Run run(String name, String executionType, int items, int maxConcurrency) {
    return run(name, executionType, items, maxConcurrency, false);
  }

  /**
   * @param grouped as the FIFO deployment runs: a queue grouped by execution with a timers queue
   *     beside it, consumed by two runtimes (two processes, each with its own store client's state)
   *     that take turns, so most children are created by one and stepped by the other
   */
  private static Run run(String name, String executionType, int items, int maxConcurrency, boolean grouped) {
    String definition = """
        {"StartAt": "M", "States": {"M": {"Type": "Map", "MaxConcurrency": %d,
          "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "%s"},
            "StartAt": "Work", "States": {"Work": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:work", "End": true}}},
          "End": true}}}
        """.formatted(maxConcurrency, executionType);
    Clock clock = Clock.systemUTC();
    InMemoryQueue queue = new InMemoryQueue(clock);
    InMemoryQueue timers = grouped ? new InMemoryQueue(clock) : queue;
    DynamoDbExecutionStore store = new DynamoDbExecutionStore(client, TABLE);
    List<ExecutionRuntime> runtimes = new java.util.ArrayList<>();
    for (int i = 0; i < (grouped ? 2 : 1); i++) {
      runtimes.add(new ExecutionRuntime(i == 0 ? store : new DynamoDbExecutionStore(client, TABLE), queue, timers, queue,
          request -> new TaskOutcome.Succeeded(request.input()), TaskDurations.unknown(), InvocationPool.direct(), clock,
          TaskTokens.randomKey()));
    }
    ExecutionRuntime runtime = runtimes.get(0);
    store.putStateMachine(new StateMachineRecord(SM + name, "Fan" + name, "STANDARD", definition, "arn:role", 1));
    StringBuilder input = new StringBuilder("[");
    for (int i = 0; i < items; i++) {
      input.append(i == 0 ? "" : ",").append("{\"n\":").append(i).append('}');
    }
    requests.clear();
    mapRunRequests.clear();
    String arn = runtime.commands().startExecution(SM + name, "run", input.append(']').toString()).executionArn();
    for (int turn = 0; ; turn++) {
      StateAdvance consumer = runtimes.get(turn % runtimes.size()).stateAdvance();
      List<QueueMessage> due = grouped ? timers.receive(10, Duration.ofSeconds(30)) : List.of();
      for (QueueMessage m : due) {
        if (consumer.forward(m.body(), m.receiptHandle(), m.receiveCount())) {
          timers.delete(m.receiptHandle());
        }
      }
      List<QueueMessage> batch = queue.receive(10, Duration.ofSeconds(30));
      if (batch.isEmpty() && due.isEmpty()) {
        // a map run's recheck is due within seconds; what is further away (an Express slice's check,
        // minutes later) finds the run ended and changes nothing
        Instant soon = Instant.now().plusSeconds(3);
        if (Stream.of(queue.nextVisibleAt(), timers.nextVisibleAt()).flatMap(Optional::stream).noneMatch(soon::isAfter)) {
          break;
        }
        Thread.onSpinWait();
        continue;
      }
      StateAdvance.Receive receive = consumer.receive();
      for (QueueMessage m : batch) {
        boolean done = grouped
            ? receive.handle(m.body(), m.receiptHandle(), m.receiveCount(), null)
            : consumer.handle(m.body(), m.receiptHandle(), m.receiveCount());
        if (done) {
          queue.delete(m.receiptHandle());
        }
      }
    }
    long total = requests.values().stream().mapToLong(AtomicLong::get).sum();
    Map<String, Long> byOperation = new java.util.TreeMap<>();
    requests.forEach((k, v) -> byOperation.put(k, v.get()));
    ExecutionRecord parent = store.execution(arn).orElseThrow();
    int entries = store.signals(arn).size();
    Map<String, Long> onMapRun = new java.util.TreeMap<>();
    mapRunRequests.forEach((k, v) -> onMapRun.put(k, v.get()));
    long mapRunTotal = onMapRun.values().stream().mapToLong(Long::longValue).sum();
    System.out.printf("map run of %d %s children (MaxConcurrency %d" + (grouped ? ", grouped queue, two consumers" : "")
            + "): %d DynamoDB requests (%.2f per item) %s; on the map"
            + " run's items %d (%.2f per item) %s; parent log %d entries%n",
        items, executionType, maxConcurrency, total, total / (double) items, byOperation, mapRunTotal,
        mapRunTotal / (double) items, onMapRun, entries);
    return new Run(total, byOperation, entries, parent, onMapRun);
  }

  @Test
  void expressChildrenCostAFractionOfARequestEachAndTheParentLogStaysShort() {
    Run r = run("Express", "EXPRESS", 1_000);

    assertThat(r.parent().status()).isEqualTo("SUCCEEDED");
    assertThat(Json.parse(r.parent().outputText()).size()).isEqualTo(1_000);
    assertThat(r.parentLogEntries()).isLessThanOrEqualTo(4);
    assertThat(r.requests() / 1_000.0).isLessThan(1.0);
  }

  @Test
  void standardChildrenAreExecutionsOfTheirOwnAndTheParentLogStaysShort() {
    Run r = run("Standard", "STANDARD", 200);

    assertThat(r.parent().status()).isEqualTo("SUCCEEDED");
    assertThat(Json.parse(r.parent().outputText()).size()).isEqualTo(200);
    assertThat(r.parentLogEntries()).isLessThanOrEqualTo(4);
    assertThat(r.byOperation()).containsKey("UpdateItem");
  }

  @Test
  void aRunThatHoldsChildrenBackCostsItsMapRunAFractionOfARequestPerChildBesidesTheOutcome() {
    int items = 250;
    Run r = run("HeldBack", "STANDARD", items, 200);

    assertThat(r.parent().status()).isEqualTo("SUCCEEDED");
    assertThat(Json.parse(r.parent().outputText()).size()).isEqualTo(items);
    long onMapRun = r.onMapRun().values().stream().mapToLong(Long::longValue).sum();
    // each child's outcome is one UpdateItem of its chunk; the asks for ticks (every 2nd outcome of a
    // chunk at 200 at a time, every 10th at 1,000) and the ticks come to a fraction of a request on top
    assertThat((onMapRun - items) / (double) items).isLessThan(0.6);
    assertThat(r.onMapRun().getOrDefault("Query", 0L)).isLessThan(items / 10);
  }

  @Test
  void standardChildrenCostAtMostFiveRequestsEachWhenStartedAndSteppedByOtherProcessesOnAGroupedQueue() {
    int items = 600;
    Run r = run("Grouped", "STANDARD", items, 500, true);

    assertThat(r.parent().status()).isEqualTo("SUCCEEDED");
    assertThat(Json.parse(r.parent().outputText()).size()).isEqualTo(items);
    // per child: its create, its answer's append, its end, its outcome; its first step reads nothing
    // (the start message carries its record); the map run's ticks come to a fraction on top
    assertThat(r.requests() / (double) items).isLessThanOrEqualTo(5.0);
    assertThat(r.byOperation().getOrDefault("Query", 0L)).isLessThan(items / 10);
  }
}
