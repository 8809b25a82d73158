package dev.nestflow.cli.graph;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.cli.Main;
import dev.nestflow.cli.serve.LocalService;
import dev.nestflow.console.web.SfnCalls;
import dev.nestflow.core.json.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code nestflow graph}: the definition alone, and coloured by an execution read from a running serve. */
class GraphCommandTest {
  private static final String DEFINITION = """
      {"StartAt": "Route", "States": {
        "Route": {"Type": "Choice", "Choices": [{"Variable": "$.go", "BooleanEquals": true, "Next": "Call"}], "Default": "Never"},
        "Never": {"Type": "Pass", "End": true},
        "Call": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:missing",
          "Retry": [{"ErrorEquals": ["States.ALL"], "MaxAttempts": 1, "IntervalSeconds": 1}],
          "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Recover"}], "End": true},
        "Recover": {"Type": "Pass", "Next": "Stop"},
        "Stop": {"Type": "Fail", "Error": "Gave.Up"}
      }}""";

  @TempDir Path dir;

  @Test
  void drawsADefinitionFileWithEveryState() throws Exception {
    Path file = dir.resolve("m.asl.json");
    Files.writeString(file, DEFINITION);
    Path out = dir.resolve("m.svg");
    Run run = run("graph", file.toString(), "-o", out.toString());
    assertThat(run.code()).as(run.err()).isZero();
    String svg = Files.readString(out);
    for (String state : new String[] {"Route", "Never", "Call", "Recover", "Stop"}) {
      assertThat(svg).contains("data-state=\"" + state + "\"");
    }
    assertThat(svg).doesNotContain("data-status");
  }

  @Test
  void aFileThatIsNotJsonIsAClearError() throws Exception {
    Path file = dir.resolve("bad.json");
    Files.writeString(file, "{ not json");
    Run run = run("graph", file.toString());
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("is not JSON");
  }

  @Test
  void anExecutionColoursEachStateByWhatHappened() throws Exception {
    try (LocalService service = LocalService.start(LocalService.Options.defaults().withPort(0), m -> {})) {
      URI endpoint = URI.create("http://127.0.0.1:" + service.port() + "/");
      SfnCalls api = ApiCalls.http(endpoint);
      ObjectNode create = Json.object();
      create.put("name", "Colours");
      create.put("roleArn", "arn:aws:iam::123456789012:role/r");
      create.put("definition", DEFINITION);
      String sm = api.call("CreateStateMachine", create).path("stateMachineArn").asText();
      ObjectNode start = ApiCalls.request("stateMachineArn", sm);
      start.put("input", "{\"go\": true}");
      String arn = api.call("StartExecution", start).path("executionArn").asText();
      long deadline = System.currentTimeMillis() + 30_000;
      JsonNode described;
      do {
        Thread.sleep(100);
        described = api.call("DescribeExecution", ApiCalls.request("executionArn", arn));
      } while ("RUNNING".equals(described.path("status").asText()) && System.currentTimeMillis() < deadline);
      assertThat(described.path("status").asText()).isEqualTo("FAILED");

      Path out = dir.resolve("run.svg");
      Run run = run("graph", "--execution", arn, "--endpoint", endpoint.toString(), "-o", out.toString());
      assertThat(run.code()).as(run.err()).isZero();
      String svg = Files.readString(out);
      assertThat(status(svg, "Route")).isEqualTo("succeeded");
      assertThat(status(svg, "Never")).isEqualTo("not-reached");
      assertThat(status(svg, "Call")).isEqualTo("caught");
      assertThat(status(svg, "Recover")).isEqualTo("succeeded");
      assertThat(status(svg, "Stop")).isEqualTo("failed");
      // said in words too, with the retry counted
      assertThat(svg).contains("Task · ! caught · 1 retry").contains("Fail · ✗ failed").contains("Pass · not reached");

      Run missing = run("graph", "--execution", arn.replace(":Colours:", ":Nope:"), "--endpoint", endpoint.toString());
      assertThat(missing.code()).isEqualTo(1);
      assertThat(missing.err()).contains("ExecutionDoesNotExist");
    }
  }

  private static String status(String svg, String state) {
    Matcher m = Pattern.compile("data-state=\"" + state + "\" data-type=\"[A-Za-z]+\" data-status=\"([a-z-]+)\"").matcher(svg);
    assertThat(m.find()).as(state).isTrue();
    return m.group(1);
  }

  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int code = cl.execute(args);
    return new Run(code, out.toString(), err.toString());
  }
}
