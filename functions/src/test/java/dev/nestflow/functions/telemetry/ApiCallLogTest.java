package dev.nestflow.functions.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nestflow.core.json.Json;
import dev.nestflow.infrastructure.api.ApiContext;
import dev.nestflow.infrastructure.api.InMemoryApiCatalog;
import dev.nestflow.infrastructure.api.SfnApi;
import dev.nestflow.infrastructure.queue.InMemoryQueue;
import dev.nestflow.infrastructure.runtime.ExecutionRuntime;
import dev.nestflow.infrastructure.runtime.TaskTokens;
import dev.nestflow.infrastructure.store.InMemoryExecutionStore;
import dev.nestflow.infrastructure.tasks.TaskInvoker;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** One JSON line per API call, and ExecutionsStarted for each execution started. */
class ApiCallLogTest {
  @Test
  void everyCallIsOneLineAndAStartCountsAsExecutionsStarted() {
    List<String> lines = new CopyOnWriteArrayList<>();
    InMemoryQueue queue = new InMemoryQueue(Clock.systemUTC());
    ExecutionRuntime runtime = new ExecutionRuntime(new InMemoryExecutionStore(), queue, TaskInvoker.none(),
        Clock.systemUTC(), TaskTokens.randomKey());
    SfnApi api = new SfnApi(new ApiContext(runtime.commands(), queue, new InMemoryApiCatalog(), "us-east-1",
        "123456789012", Clock.systemUTC(), ApiContext.EXPRESS_LIMIT))
        .onCall(new ApiCallLog(lines::add, null, System::currentTimeMillis));

    api.handle("AWSStepFunctions.CreateStateMachine", ("{\"name\":\"M\",\"roleArn\":\"arn:aws:iam::123456789012:role/r\","
        + "\"definition\":\"{\\\"StartAt\\\":\\\"P\\\",\\\"States\\\":{\\\"P\\\":{\\\"Type\\\":\\\"Pass\\\",\\\"End\\\":true}}}\"}")
        .getBytes(StandardCharsets.UTF_8));
    api.handle("AWSStepFunctions.StartExecution",
        "{\"stateMachineArn\":\"arn:aws:states:us-east-1:123456789012:stateMachine:M\"}".getBytes(StandardCharsets.UTF_8));
    api.handle("AWSStepFunctions.DescribeExecution", "{\"executionArn\":\"nope\"}".getBytes(StandardCharsets.UTF_8));

    List<JsonNode> calls = lines.stream().map(Json::parse).filter(j -> "api".equals(j.path("kind").asText())).toList();
    assertThat(calls).extracting(j -> j.path("operation").asText())
        .containsExactly("CreateStateMachine", "StartExecution", "DescribeExecution");
    assertThat(calls.get(1).path("execution_arn").asText()).startsWith("arn:aws:states:us-east-1:123456789012:execution:M:");
    assertThat(calls.get(2).path("status").asInt()).isEqualTo(400);
    assertThat(calls.get(2).path("error").asText()).isEqualTo("InvalidArn");
    assertThat(calls).allSatisfy(c -> assertThat(c.path("request_id").asText()).isNotEmpty());
    List<JsonNode> metrics = lines.stream().map(Json::parse).filter(j -> j.has("_aws")).toList();
    assertThat(metrics).singleElement().satisfies(m -> {
      assertThat(m.path("ExecutionsStarted").asDouble()).isEqualTo(1);
      assertThat(m.path("StateMachineArn").asText()).isEqualTo("arn:aws:states:us-east-1:123456789012:stateMachine:M");
    });
  }
}
