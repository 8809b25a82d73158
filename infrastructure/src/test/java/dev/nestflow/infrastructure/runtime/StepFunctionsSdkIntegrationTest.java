package dev.nestflow.infrastructure.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nestflow.core.json.Json;
import dev.nestflow.infrastructure.embedded.EmbeddedRuntime;
import dev.nestflow.infrastructure.store.StateMachineRecord;
import dev.nestflow.infrastructure.tasks.TaskIntegrations;
import dev.nestflow.infrastructure.tasks.TaskOutcome;
import dev.nestflow.infrastructure.tasks.TaskRequest;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** aws-sdk:sfn describeExecution and stopExecution against the runtime itself. */
class StepFunctionsSdkIntegrationTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final String MACHINE = "arn:aws:states:us-east-1:123456789012:stateMachine:Waits";

  @Test
  void describeExecutionShowsTheExecutionAndStopExecutionStopsIt() {
    EmbeddedRuntime embedded = EmbeddedRuntime.wired(T0,
        (clock, runtime) -> TaskIntegrations.builder().add(new StepFunctionsSdkIntegration(runtime)).build());
    embedded.store().putStateMachine(new StateMachineRecord(MACHINE, "Waits", "STANDARD",
        "{\"StartAt\":\"W\",\"States\":{\"W\":{\"Type\":\"Wait\",\"Seconds\":3600,\"End\":true}}}",
        "arn:aws:iam::123456789012:role/r", 0));
    String arn = embedded.runtime().commands().startExecution(MACHINE, "long", "{\"a\":1}").executionArn();
    embedded.runUntilIdle(T0.plusSeconds(1));
    StepFunctionsSdkIntegration sfn = new StepFunctionsSdkIntegration(embedded::runtime);

    TaskOutcome described = sfn.invoke(new TaskRequest("arn:caller", "k", "S",
        "arn:aws:states:::aws-sdk:sfn:describeExecution", Json.object().put("ExecutionArn", arn), null));
    assertThat(described).isInstanceOfSatisfying(TaskOutcome.Succeeded.class, s -> {
      assertThat(s.output().path("Status").asText()).isEqualTo("RUNNING");
      assertThat(s.output().path("Name").asText()).isEqualTo("long");
      assertThat(s.output().path("Input").asText()).isEqualTo("{\"a\":1}");
    });

    TaskOutcome stopped = sfn.invoke(new TaskRequest("arn:caller", "k", "S",
        "arn:aws:states:::aws-sdk:sfn:stopExecution", Json.object().put("ExecutionArn", arn).put("Error", "E"), null));
    assertThat(stopped).isInstanceOf(TaskOutcome.Succeeded.class);
    embedded.runUntilIdle(T0.plusSeconds(2));
    assertThat(embedded.runtime().commands().describe(arn).orElseThrow().status().toString()).isEqualTo("ABORTED");

    TaskOutcome missing = sfn.invoke(new TaskRequest("arn:caller", "k", "S",
        "arn:aws:states:::aws-sdk:sfn:describeExecution", Json.object().put("ExecutionArn", arn + "x"), null));
    assertThat(missing).isInstanceOfSatisfying(TaskOutcome.Failed.class,
        f -> assertThat(f.error()).isEqualTo("Sfn.ExecutionDoesNotExistException"));
  }
}
