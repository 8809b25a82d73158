package dev.nestflow.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nestflow.cli.graph.ApiCalls;
import dev.nestflow.console.web.SfnCalls;
import dev.nestflow.core.json.Json;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** serve prints one line per API call and per step of an execution, and the execution's end. */
class ServeLogTest {
  @Test
  void everyCallAndEveryStepIsOneLine() throws Exception {
    List<String> lines = new CopyOnWriteArrayList<>();
    try (LocalService service = LocalService.start(LocalService.Options.defaults().withPort(0), lines::add)) {
      SfnCalls api = ApiCalls.http(URI.create("http://127.0.0.1:" + service.port() + "/"));
      var create = Json.object();
      create.put("name", "Logged").put("roleArn", "arn:aws:iam::123456789012:role/r")
          .put("definition", "{\"StartAt\":\"One\",\"States\":{\"One\":{\"Type\":\"Pass\",\"Next\":\"Two\"},\"Two\":{\"Type\":\"Pass\",\"End\":true}}}");
      String sm = api.call("CreateStateMachine", create).path("stateMachineArn").asText();
      var start = ApiCalls.request("stateMachineArn", sm);
      start.put("name", "first");
      api.call("StartExecution", start);
      long deadline = System.currentTimeMillis() + 10_000;
      while (lines.stream().noneMatch(l -> l.startsWith("execution Logged:first")) && System.currentTimeMillis() < deadline) {
        Thread.sleep(20);
      }
      try {
        api.call("DescribeExecution", ApiCalls.request("executionArn", "nope"));
      } catch (SfnCalls.Failure expected) {
        // logged as a 400
      }
    }
    assertThat(lines).anyMatch(l -> l.matches("api CreateStateMachine 200 [0-9.]+ ms stateMachine:Logged"));
    assertThat(lines).anyMatch(l -> l.matches("api StartExecution 200 [0-9.]+ ms Logged:first"));
    assertThat(lines).anyMatch(l -> l.matches("api DescribeExecution 400 InvalidArn [0-9.]+ ms nope"));
    assertThat(lines).anyMatch(l -> l.startsWith("step Logged:first: One → Two; ExecutionSucceeded"));
    assertThat(lines).anyMatch(l -> l.matches("execution Logged:first SUCCEEDED after [0-9.]+ s"));
  }
}
