package dev.nestflow.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.json.Json;
import dev.nestflow.infrastructure.api.ApiContext;
import dev.nestflow.infrastructure.api.InMemoryApiCatalog;
import dev.nestflow.infrastructure.api.SfnApi;
import dev.nestflow.infrastructure.embedded.EmbeddedRuntime;
import dev.nestflow.infrastructure.embedded.VirtualClock;
import dev.nestflow.infrastructure.queue.InMemoryQueue;
import dev.nestflow.infrastructure.runtime.ExecutionRuntime;
import dev.nestflow.infrastructure.runtime.TaskTokens;
import dev.nestflow.infrastructure.store.ExecutionRecord;
import dev.nestflow.infrastructure.store.ExecutionStore;
import dev.nestflow.infrastructure.store.ForwardingExecutionStore;
import dev.nestflow.infrastructure.store.InMemoryExecutionStore;
import dev.nestflow.infrastructure.store.TokenRecord;
import dev.nestflow.infrastructure.tasks.TaskInvoker;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TaskTokenHandlerTest {
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  private static final Instant LATER = Instant.parse("2026-01-02T00:00:00Z");

  private EmbeddedRuntime embedded;
  private SfnApi api;
  private TaskTokenHandler handler;

  @BeforeEach
  void setUp() {
    embedded = new EmbeddedRuntime(START, TaskInvoker.none());
    api = new SfnApi(new ApiContext(embedded.runtime().commands(), embedded.transitions(), new InMemoryApiCatalog(), "us-east-1",
        "123456789012", embedded.clock(), ApiContext.EXPRESS_LIMIT), message -> {});
    handler = new TaskTokenHandler(() -> api);
  }

  private JsonNode call(String operation, String body) {
    SfnApi.Response response = api.handle(SfnApi.TARGET_PREFIX + operation, body.getBytes(StandardCharsets.UTF_8));
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    return Json.parse(response.body());
  }

  /** An execution waiting on an activity task; returns {executionArn, taskToken}. */
  private String[] waitingExecution(String name) {
    String activity = call("CreateActivity", "{\"name\":\"Approve\"}").path("activityArn").asText();
    ObjectNode definition = Json.object();
    definition.put("StartAt", "Approve");
    definition.putObject("States").putObject("Approve").put("Type", "Task").put("Resource", activity)
        .put("HeartbeatSeconds", 60).put("End", true);
    ObjectNode create = Json.object();
    create.put("name", "Approval");
    create.put("roleArn", "arn:aws:iam::123456789012:role/test");
    create.put("definition", Json.write(definition));
    String machine = call("CreateStateMachine", Json.write(create)).path("stateMachineArn").asText();
    String execution = call("StartExecution", "{\"stateMachineArn\":\"" + machine + "\",\"name\":\"" + name + "\"}")
        .path("executionArn").asText();
    embedded.runUntilIdle(START);
    String token = call("GetActivityTask", "{\"activityArn\":\"" + activity + "\"}").path("taskToken").asText();
    assertThat(token).isNotEmpty();
    return new String[] {execution, token};
  }

  private ExecutionRecord after(String executionArn) {
    embedded.runUntilIdle(LATER);
    return embedded.store().execution(executionArn).orElseThrow();
  }

  private static String event(String action, String token, String more) {
    return "{\"action\":\"" + action + "\",\"taskToken\":\"" + token + "\"" + more + "}";
  }

  private JsonNode handle(String event) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
    return Json.parse(out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void successResumesTheTaskWithTheOutputValueAsItsResult() throws IOException {
    String[] waiting = waitingExecution("ok");
    assertThat(handle(event("success", waiting[1], ",\"output\":{\"approved\":true,\"by\":[\"sam\"]}"))).isEqualTo(Json.object());
    ExecutionRecord rec = after(waiting[0]);
    assertThat(rec.status()).isEqualTo("SUCCEEDED");
    assertThat(Json.parse(rec.outputText())).isEqualTo(Json.parse("{\"approved\":true,\"by\":[\"sam\"]}"));
  }

  @Test
  void aStringOutputIsTheStringItself() throws IOException {
    String[] waiting = waitingExecution("string");
    assertThat(handle(event("success", waiting[1], ",\"output\":\"{not json text}\""))).isEqualTo(Json.object());
    assertThat(Json.parse(after(waiting[0]).outputText()).asText()).isEqualTo("{not json text}");
  }

  @Test
  void failureFailsTheExecutionWithTheErrorAndCause() throws IOException {
    String[] waiting = waitingExecution("no");
    assertThat(handle(event("failure", waiting[1], ",\"error\":\"Rejected\",\"cause\":\"out of stock\""))).isEqualTo(Json.object());
    ExecutionRecord rec = after(waiting[0]);
    assertThat(rec.status()).isEqualTo("FAILED");
    JsonNode described = call("DescribeExecution", "{\"executionArn\":\"" + waiting[0] + "\"}");
    assertThat(described.path("error").asText()).isEqualTo("Rejected");
    assertThat(described.path("cause").asText()).isEqualTo("out of stock");
  }

  @Test
  void heartbeatKeepsTheTaskWaiting() throws IOException {
    String[] waiting = waitingExecution("beat");
    assertThat(handle(event("heartbeat", waiting[1], ""))).isEqualTo(Json.object());
    embedded.runUntilIdle(START.plusSeconds(30));
    assertThat(embedded.store().execution(waiting[0]).orElseThrow().status()).isEqualTo("RUNNING");
  }

  @Test
  void anAnsweredTokenIsTheApisErrorAsAnErrorObject() throws IOException {
    String[] waiting = waitingExecution("twice");
    handle(event("success", waiting[1], ",\"output\":1"));
    after(waiting[0]);
    JsonNode again = handle(event("success", waiting[1], ",\"output\":2"));
    assertThat(again.path("errorType").asText()).isEqualTo("TaskTimedOut");
    assertThat(again.path("errorMessage").asText()).isEqualTo("Task Timed Out: 'Provided task does not exist anymore'");
  }

  @Test
  void anUnknownTokenIsInvalidToken() throws IOException {
    JsonNode answer = handle(event("heartbeat", "not-a-token", ""));
    assertThat(answer.path("errorType").asText()).isEqualTo("InvalidToken");
    assertThat(answer.path("errorMessage").asText()).isEqualTo("Invalid Token: 'Invalid token'");
  }

  @Test
  void badEventsAreValidationErrorsThatSayWhatIsWrong() throws IOException {
    assertThat(handle("{\"taskToken\":\"t\"}").path("errorMessage").asText())
        .isEqualTo("action must be \"success\", \"failure\" or \"heartbeat\", not absent");
    assertThat(handle(event("succeed", "t", "")).path("errorMessage").asText()).contains("not \"succeed\"");
    assertThat(handle("[1]").path("errorMessage").asText()).contains("must be a JSON object");
    assertThat(handle("{oops").path("errorType").asText()).isEqualTo("ValidationException");
    JsonNode noToken = handle("{\"action\":\"success\",\"output\":{}}");
    assertThat(noToken.path("errorType").asText()).isEqualTo("ValidationException");
    assertThat(noToken.path("errorMessage").asText()).contains("'taskToken'");
    String[] waiting = waitingExecution("no-output");
    JsonNode noOutput = handle(event("success", waiting[1], ""));
    assertThat(noOutput.path("errorType").asText()).isEqualTo("ValidationException");
    assertThat(noOutput.path("errorMessage").asText()).contains("'output'");
    assertThat(handle(event("failure", "t", ",\"cause\":7")).path("errorType").asText()).isEqualTo("SerializationException");
  }

  @Test
  void aFaultOfOursIsThrownSoTheInvocationFails() {
    VirtualClock clock = new VirtualClock(START);
    InMemoryQueue queue = new InMemoryQueue(clock);
    ExecutionStore unreachable = new ForwardingExecutionStore(new InMemoryExecutionStore()) {
      @Override
      public Optional<TokenRecord> token(String token) {
        throw new IllegalStateException("table unreachable");
      }
    };
    ExecutionRuntime runtime = new ExecutionRuntime(unreachable, queue, TaskInvoker.none(), clock, TaskTokens.randomKey());
    SfnApi broken = new SfnApi(new ApiContext(runtime.commands(), queue, new InMemoryApiCatalog(), "us-east-1", "123456789012",
        clock, ApiContext.EXPRESS_LIMIT), message -> {});
    TaskTokenHandler failing = new TaskTokenHandler(() -> broken);
    assertThatThrownBy(() -> failing.handle(event("heartbeat", "some-token", "").getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("InternalFailure: An internal error occurred");
  }
}
