package dev.nestflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nestflow.core.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code nestflow test-state} prints the TestState answer; its exit code says FAILED (1) or refused (2). */
class TestStateCommandTest {
  record Result(int exit, String out, String err) {
    JsonNode json() {
      return Json.parse(out);
    }
  }

  static Result run(String... args) {
    CliRun r = CliRun.of(args);
    return new Result(r.exit(), r.out(), r.err());
  }

  static final String TASK = "{\"Type\":\"Task\",\"Resource\":\"arn:aws:states:::lambda:invoke\","
      + "\"Retry\":[{\"ErrorEquals\":[\"Busy\"],\"MaxAttempts\":1}],"
      + "\"Catch\":[{\"ErrorEquals\":[\"States.ALL\"],\"Next\":\"Handle\"}],\"Next\":\"Done\"}";

  @Test
  void mockShortcutsGiveRetriableThenCaughtOnceTheRetrierIsSpent(@TempDir Path dir) throws Exception {
    Path definition = Files.writeString(dir.resolve("task.json"), TASK);
    Result retriable = run("test-state", "--definition", "@" + definition, "--mock-error", "Busy", "--mock-cause", "later");
    assertThat(retriable.exit()).as(retriable.err()).isZero();
    assertThat(retriable.json().path("status").asText()).isEqualTo("RETRIABLE");

    Result caught = run("test-state", "--definition", "@" + definition, "--mock-error", "Busy", "--retrier-retry-count", "1");
    assertThat(caught.json().path("status").asText()).isEqualTo("CAUGHT_ERROR");
    assertThat(caught.json().path("nextState").asText()).isEqualTo("Handle");

    Result succeeded = run("test-state", "--definition", TASK, "--mock-result", "{\"Payload\":1}", "--inspection-level", "DEBUG");
    assertThat(succeeded.json().path("nextState").asText()).isEqualTo("Done");
    assertThat(succeeded.json().path("inspectionData").path("result").asText()).isEqualTo("{\"Payload\":1}");
  }

  @Test
  void failedStateExitsOneAndRefusedRequestExitsTwo() {
    Result failed = run("test-state", "--definition", "{\"Type\":\"Fail\",\"Error\":\"E\"}");
    assertThat(failed.exit()).isEqualTo(1);
    assertThat(failed.json().path("error").asText()).isEqualTo("E");

    Result refused = run("test-state", "--definition", TASK);
    assertThat(refused.exit()).isEqualTo(2);
    assertThat(refused.err()).startsWith("ValidationException: ").contains("mock");
  }
}
