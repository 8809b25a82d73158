package dev.nestflow.infrastructure.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nestflow.core.interpreter.ExecutionResult;
import dev.nestflow.core.json.Json;
import dev.nestflow.infrastructure.embedded.VirtualClock;
import dev.nestflow.infrastructure.queue.InMemoryQueue;
import dev.nestflow.infrastructure.queue.QueueMessage;
import dev.nestflow.infrastructure.runtime.ExecutionRuntime;
import dev.nestflow.infrastructure.runtime.StateAdvance;
import dev.nestflow.infrastructure.runtime.TaskTokens;
import dev.nestflow.infrastructure.tasks.TaskOutcome;
import dev.nestflow.infrastructure.testing.MotoServer;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The DynamoDB adapter under the SDK's own retries, on moto_server: throttled requests
 * (ProvisionedThroughputExceededException, nothing written) are retried by the SDK and the store
 * never notices; a write that took effect but whose response was lost (a 500 after the write) is
 * retried too, and its conditional retry is refused: the store answers "somebody else wrote it"
 * for its own write, which the runtime treats as a lost race (the redelivery finds its signal in
 * the log). Either way an execution ends as it does with a healthy table, and a task result over
 * the item limit fails its task as AWS does.
 */
class DynamoDbRetriesMotoTest {
  private static final String TABLE = "nestflow-retries";
  private static final String FUNCTION = "arn:aws:lambda:us-east-1:123456789012:function:f";
  private static final String MACHINE = "arn:aws:states:us-east-1:123456789012:stateMachine:retries";
  private static final String DEFINITION = """
      {"StartAt":"First","States":{
        "First":{"Type":"Task","Resource":"%s","Parameters":{"n.$":"$.n"},"ResultPath":"$.first","Next":"Pause"},
        "Pause":{"Type":"Wait","Seconds":3,"Next":"Second"},
        "Second":{"Type":"Task","Resource":"%s","Parameters":{"n.$":"$.first.n"},"Next":"Done"},
        "Done":{"Type":"Succeed"}}}""".formatted(FUNCTION, FUNCTION);
  private static MotoServer moto;

  @BeforeAll
  static void startMoto() throws Exception {
    moto = MotoServer.start();
    try (DynamoDbClient client = client(new FlakyHttpClient(Integer.MAX_VALUE, Integer.MAX_VALUE))) {
      DynamoDbExecutionStore.createTable(client, TABLE);
    }
  }

  @AfterAll
  static void stopMoto() {
    if (moto != null) {
      moto.close();
    }
  }

  /**
   * An HTTP client in front of moto: answers every {@code throttleEvery}-th first attempt with
   * DynamoDB's throttling error (without sending it), and every {@code loseEvery}-th first attempt
   * of a write with a 500 after sending it (the write took effect, its answer was lost).
   */
  static final class FlakyHttpClient implements SdkHttpClient {
    private final SdkHttpClient delegate = UrlConnectionHttpClient.create();
    private final int throttleEvery;
    private final int loseEvery;
    private final AtomicInteger firstAttempts = new AtomicInteger();
    final AtomicInteger throttled = new AtomicInteger();
    final AtomicInteger lost = new AtomicInteger();

    FlakyHttpClient(int throttleEvery, int loseEvery) {
      this.throttleEvery = throttleEvery;
      this.loseEvery = loseEvery;
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
      boolean first = request.httpRequest().firstMatchingHeader("amz-sdk-request").map(h -> h.startsWith("attempt=1;"))
          .orElse(true);
      String target = request.httpRequest().firstMatchingHeader("X-Amz-Target").orElse("");
      if (!first) {
        return delegate.prepareRequest(request);
      }
      int n = firstAttempts.incrementAndGet();
      if (n % throttleEvery == 0) {
        throttled.incrementAndGet();
        return answer(400, "ProvisionedThroughputExceededException",
            "The level of configured provisioned throughput for the table was exceeded.");
      }
      boolean write = target.endsWith(".PutItem") || target.endsWith(".UpdateItem") || target.endsWith(".DeleteItem");
      if (write && n % loseEvery == 0) {
        ExecutableHttpRequest sent = delegate.prepareRequest(request);
        return new ExecutableHttpRequest() {
          @Override
          public HttpExecuteResponse call() throws java.io.IOException {
            sent.call(); // the write takes effect...
            lost.incrementAndGet();
            return response(500, "InternalServerError", "the answer was lost"); // ...and its answer does not arrive
          }

          @Override
          public void abort() {
            sent.abort();
          }
        };
      }
      return delegate.prepareRequest(request);
    }

    private static ExecutableHttpRequest answer(int status, String type, String message) {
      return new ExecutableHttpRequest() {
        @Override
        public HttpExecuteResponse call() {
          return response(status, type, message);
        }

        @Override
        public void abort() {}
      };
    }

    private static HttpExecuteResponse response(int status, String type, String message) {
      byte[] body = ("{\"__type\":\"com.amazonaws.dynamodb.v20120810#" + type + "\",\"message\":\"" + message + "\"}")
          .getBytes(StandardCharsets.UTF_8);
      return HttpExecuteResponse.builder()
          .response(SdkHttpResponse.builder().statusCode(status)
              .putHeader("Content-Type", "application/x-amz-json-1.0")
              .putHeader("Content-Length", Integer.toString(body.length))
              .build())
          .responseBody(AbortableInputStream.create(new ByteArrayInputStream(body)))
          .build();
    }

    @Override
    public void close() {
      delegate.close();
    }
  }

  private static DynamoDbClient client(SdkHttpClient http) {
    return DynamoDbClient.builder()
        .endpointOverride(moto.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .httpClient(http)
        .build();
  }

  /** Runs one execution to its end through the runtime over the store on {@code http}. */
  private static ExecutionResult run(String name, SdkHttpClient http, dev.nestflow.infrastructure.tasks.TaskInvoker tasks) {
    try (DynamoDbClient client = client(http)) {
      DynamoDbExecutionStore store = new DynamoDbExecutionStore(client, TABLE);
      VirtualClock clock = new VirtualClock(Instant.parse("2026-01-01T00:00:00Z"));
      InMemoryQueue queue = new InMemoryQueue(clock);
      ExecutionRuntime runtime = new ExecutionRuntime(store, queue, tasks, clock,
          new TaskTokens("retries-test-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8)));
      store.putStateMachine(new StateMachineRecord(MACHINE, "retries", "STANDARD", DEFINITION,
          "arn:aws:iam::123456789012:role/r", 0));
      String arn = runtime.commands().startExecution(MACHINE, name, "{\"n\":3}").executionArn();
      for (int deliveries = 0; deliveries < 200; deliveries++) {
        List<QueueMessage> batch = queue.receive(10, Duration.ofSeconds(30));
        if (batch.isEmpty()) {
          if (queue.nextVisibleAt().isEmpty()) {
            break;
          }
          clock.advanceTo(queue.nextVisibleAt().get());
          continue;
        }
        for (QueueMessage m : batch) {
          try {
            if (runtime.stateAdvance().handle(m.body(), m.receiptHandle(), m.receiveCount())) {
              queue.delete(m.receiptHandle());
            }
          } catch (StateAdvance.ConcurrentStep raced) {
            // the store said another step wrote first (its own retried write): redelivered later
          }
        }
      }
      return runtime.commands().describe(arn).orElseThrow();
    }
  }

  private static TaskOutcome square(dev.nestflow.infrastructure.tasks.TaskRequest request) {
    int n = request.input().get("n").asInt();
    return new TaskOutcome.Succeeded(Json.parse("{\"n\":" + n * n + "}"));
  }

  @Test
  void throttledRequestsAreRetriedByTheSdkAndTheExecutionEndsAsWithAHealthyTable() {
    ExecutionResult healthy = run("healthy", new FlakyHttpClient(Integer.MAX_VALUE, Integer.MAX_VALUE),
        DynamoDbRetriesMotoTest::square);
    FlakyHttpClient throttling = new FlakyHttpClient(2, Integer.MAX_VALUE);

    ExecutionResult throttled = run("throttled", throttling, DynamoDbRetriesMotoTest::square);

    assertThat(throttling.throttled.get()).isGreaterThan(3);
    assertThat(healthy.status()).isEqualTo("SUCCEEDED");
    assertThat(throttled.status()).isEqualTo("SUCCEEDED");
    assertThat(throttled.output()).isEqualTo(healthy.output());
    assertThat(throttled.history()).extracting(e -> e.get("type").asText())
        .isEqualTo(healthy.history().stream().map(e -> e.get("type").asText()).toList());
  }

  @Test
  void writesWhoseAnswerWasLostAreRetriedByTheSdkAndLoseNothing() {
    ExecutionResult healthy = run("healthy-2", new FlakyHttpClient(Integer.MAX_VALUE, Integer.MAX_VALUE),
        DynamoDbRetriesMotoTest::square);
    FlakyHttpClient losing = new FlakyHttpClient(Integer.MAX_VALUE, 1);

    ExecutionResult lost = run("lost-answers", losing, DynamoDbRetriesMotoTest::square);

    assertThat(losing.lost.get()).isGreaterThan(3);
    assertThat(lost.status()).isEqualTo("SUCCEEDED");
    assertThat(lost.output()).isEqualTo(healthy.output());
    assertThat(lost.history()).extracting(e -> e.get("type").asText())
        .isEqualTo(healthy.history().stream().map(e -> e.get("type").asText()).toList());
  }

  @Test
  void aTaskResultOverTheItemLimitFailsItsTaskWithDataLimitExceeded() {
    String big = "x".repeat(700 * 1024);

    ExecutionResult result = run("oversized", new FlakyHttpClient(Integer.MAX_VALUE, Integer.MAX_VALUE),
        request -> new TaskOutcome.Succeeded(Json.NODES.textNode(big)));

    assertThat(result.status()).isEqualTo("FAILED");
    assertThat(result.error()).isEqualTo("States.DataLimitExceeded");
    assertThat(result.history()).extracting(e -> e.get("type").asText()).contains("LambdaFunctionFailed");
  }
}
