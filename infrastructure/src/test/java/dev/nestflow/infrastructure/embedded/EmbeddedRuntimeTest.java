package dev.nestflow.infrastructure.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.json.Json;
import dev.nestflow.infrastructure.runtime.StepFunctionsSdkIntegration;
import dev.nestflow.infrastructure.store.ExecutionRecord;
import dev.nestflow.infrastructure.store.StateMachineRecord;
import dev.nestflow.infrastructure.tasks.TaskIntegration;
import dev.nestflow.infrastructure.tasks.TaskIntegrations;
import dev.nestflow.infrastructure.tasks.TaskOutcome;
import dev.nestflow.infrastructure.tasks.TaskRequest;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EmbeddedRuntimeTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final String MACHINES = "arn:aws:states:us-east-1:123456789012:stateMachine:";

  @Test
  void wiredTasksReadTheRuntimesVirtualClockAndCallBackIntoTheRuntime() {
    EmbeddedRuntime embedded = EmbeddedRuntime.wired(T0, (clock, runtime) -> TaskIntegrations.builder()
        .add(new StepFunctionsSdkIntegration(runtime))
        .add(new TaskIntegration() {
          @Override
          public boolean handles(String resource) {
            return true;
          }

          @Override
          public TaskOutcome invoke(TaskRequest request) {
            ObjectNode now = Json.object();
            now.put("millis", clock.millis());
            return new TaskOutcome.Succeeded(now);
          }
        })
        .build());
    embedded.store().putStateMachine(new StateMachineRecord(MACHINES + "Leaf", "Leaf", "STANDARD",
        "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"End\":true}}}", "arn:aws:iam::123456789012:role/r", 0));
    embedded.store().putStateMachine(new StateMachineRecord(MACHINES + "Root", "Root", "STANDARD",
        "{\"StartAt\":\"W\",\"States\":{\"W\":{\"Type\":\"Wait\",\"Seconds\":90,\"Next\":\"Time\"},"
            + "\"Time\":{\"Type\":\"Task\",\"Resource\":\"arn:aws:lambda:us-east-1:123456789012:function:now\",\"ResultPath\":\"$.time\",\"Next\":\"Start\"},"
            + "\"Start\":{\"Type\":\"Task\",\"Resource\":\"arn:aws:states:::aws-sdk:sfn:startExecution\","
            + "\"Parameters\":{\"StateMachineArn\":\"" + MACHINES + "Leaf\",\"Name\":\"leaf\"},\"ResultPath\":null,\"End\":true}}}",
        "arn:aws:iam::123456789012:role/r", 0));

    String root = embedded.runtime().commands().startExecution(MACHINES + "Root", "root", "{}").executionArn();
    embedded.runUntilIdle(T0.plusSeconds(3600));

    ExecutionRecord head = embedded.store().execution(root).orElseThrow();
    assertThat(head.status()).isEqualTo("SUCCEEDED");
    assertThat(Json.parse(head.outputText()).path("time").path("millis").asLong()).isEqualTo(T0.plusSeconds(90).toEpochMilli());
    assertThat(embedded.store().execution(MACHINES.replace(":stateMachine:", ":execution:") + "Leaf:leaf").orElseThrow().status())
        .isEqualTo("SUCCEEDED");
  }
}
