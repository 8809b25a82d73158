package dev.nestflow.infrastructure.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.nestflow.core.json.Json;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** EventBridge, the generic aws-sdk integration and the HTTP Task, through the registry as every mode builds it. */
class ServiceTasksTest {
  private static final String EXECUTION = "arn:aws:states:us-east-1:123456789012:execution:orders:run-1";

  private final AtomicInteger n = new AtomicInteger();
  private final Supplier<String> ids = () -> "id-" + n.incrementAndGet();
  private final InMemoryServices services = new InMemoryServices(Clock.systemUTC(), ids, "us-east-1", "123456789012");
  private final TaskInvoker tasks = StandardIntegrations.builder(null, new TaskIntegration() {
    @Override
    public boolean handles(String resource) {
      return resource.contains(":aws-sdk:sfn:");
    }

    @Override
    public TaskOutcome invoke(TaskRequest request) {
      return new TaskOutcome.Succeeded(Json.object());
    }
  }, services, Clock.systemUTC(), ids).build();

  private TaskOutcome call(String resource, String parameters, String token) {
    return tasks.invoke(new TaskRequest(EXECUTION, "k", "S", resource, Json.parse(parameters), token));
  }

  @Test
  void putEventsSendsDetailAsJsonTextWithTheExecutionAndMachineAsResources() {
    TaskOutcome outcome = call("arn:aws:states:::events:putEvents",
        "{\"Entries\":[{\"Source\":\"shop\",\"DetailType\":\"Order\",\"Detail\":{\"id\":7}}]}", null);
    assertThat(outcome).isInstanceOfSatisfying(TaskOutcome.Succeeded.class, s -> {
      assertThat(s.output().path("FailedEntryCount").asInt()).isZero();
      assertThat(s.output().path("Entries").get(0).path("EventId").asText()).isNotEmpty();
    });
    InMemoryEvents.Event event = services.events().events().get(0);
    assertThat(event.detail()).isEqualTo("{\"id\":7}");
    assertThat(EventBridgeIntegration.stateMachineArn(EXECUTION))
        .isEqualTo("arn:aws:states:us-east-1:123456789012:stateMachine:orders");
  }

  @Test
  void putEventsWithAFailedEntryFailsWithFailedEntryAndWaitForTaskTokenWaits() {
    TaskOutcome failed = call("arn:aws:states:::events:putEvents", "{\"Entries\":[{\"Source\":\"shop\"}]}", null);
    assertThat(failed).isInstanceOfSatisfying(TaskOutcome.Failed.class,
        f -> assertThat(f.error()).isEqualTo("EventBridge.FailedEntry"));
    TaskOutcome waiting = call("arn:aws:states:::events:putEvents.waitForTaskToken",
        "{\"Entries\":[{\"Source\":\"shop\",\"DetailType\":\"T\",\"Detail\":\"{}\"}]}", "tok");
    assertThat(waiting).isInstanceOf(TaskOutcome.Pending.class);
  }

  @Test
  void awsSdkCallsReturnTheApiResponseAndFailWithTheSdkV2ExceptionName() {
    services.s3().createBucket("docs");
    assertThat(call("arn:aws:states:::aws-sdk:s3:putObject", "{\"Bucket\":\"docs\",\"Key\":\"a\",\"Body\":\"x\"}", null))
        .isInstanceOf(TaskOutcome.Succeeded.class);
    TaskOutcome got = call("arn:aws:states:::aws-sdk:s3:getObject", "{\"Bucket\":\"docs\",\"Key\":\"a\"}", null);
    assertThat(got).isInstanceOfSatisfying(TaskOutcome.Succeeded.class,
        s -> assertThat(s.output().path("Body").asText()).isEqualTo("x"));
    TaskOutcome missing = call("arn:aws:states:::aws-sdk:s3:getObject", "{\"Bucket\":\"docs\",\"Key\":\"b\"}", null);
    assertThat(missing).isInstanceOfSatisfying(TaskOutcome.Failed.class, f -> {
      assertThat(f.error()).isEqualTo("S3.NoSuchKeyException");
      assertThat(f.cause()).startsWith("The specified key does not exist. (Service: S3, Status Code: 404, Request ID: ");
    });
  }

  @Test
  void anAwsSdkServiceNestflowDoesNotCallIsUnhandled() {
    TaskOutcome outcome = call("arn:aws:states:::aws-sdk:rekognition:detectLabels", "{}", null);
    assertThat(outcome).isEqualTo(new TaskOutcome.Failed("States.TaskFailed",
        "No handler is registered for resource 'arn:aws:states:::aws-sdk:rekognition:detectLabels'."));
  }

  @Test
  void httpInvokeReturnsStatusHeadersAndParsedBodyAndFailsOnAnErrorStatus() throws Exception {
    AtomicReference<String> seen = new AtomicReference<>();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      seen.set(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
          + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
      int status = exchange.getRequestURI().getPath().equals("/missing") ? 404 : 200;
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
    try {
      String base = "http://127.0.0.1:" + server.getAddress().getPort();
      TaskOutcome ok = call("arn:aws:states:::http:invoke", "{\"ApiEndpoint\":\"" + base + "/orders\",\"Method\":\"POST\","
          + "\"QueryParameters\":{\"q\":\"a b\"},\"RequestBody\":{\"id\":1}}", null);
      assertThat(seen.get()).isEqualTo("POST /orders?q=a+b {\"id\":1}");
      assertThat(ok).isInstanceOfSatisfying(TaskOutcome.Succeeded.class, s -> {
        JsonNode out = s.output();
        assertThat(out.path("StatusCode").asText()).isEqualTo("200");
        assertThat(out.path("StatusText").asText()).isEqualTo("OK");
        assertThat(out.path("ResponseBody")).isEqualTo(Json.parse("{\"ok\":true}"));
      });
      TaskOutcome missing = call("arn:aws:states:::http:invoke", "{\"ApiEndpoint\":\"" + base + "/missing\",\"Method\":\"GET\"}", null);
      assertThat(missing).isInstanceOfSatisfying(TaskOutcome.Failed.class,
          f -> assertThat(f.error()).isEqualTo("States.Http.StatusCode.404"));
    } finally {
      server.stop(0);
    }
  }
}
