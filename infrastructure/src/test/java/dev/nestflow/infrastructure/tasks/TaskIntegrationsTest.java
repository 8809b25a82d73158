package dev.nestflow.infrastructure.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nestflow.core.json.Json;
import org.junit.jupiter.api.Test;

class TaskIntegrationsTest {
  /** An integration for resources starting with {@code prefix} that answers with its own name. */
  private static TaskIntegration named(String name, String prefix) {
    return new TaskIntegration() {
      @Override
      public boolean handles(String resource) {
        return resource.startsWith(prefix);
      }

      @Override
      public TaskOutcome invoke(TaskRequest request) {
        return new TaskOutcome.Succeeded(Json.NODES.textNode(name));
      }
    };
  }

  private static TaskRequest request(String resource) {
    return new TaskRequest("arn:exec", "k", "S", resource, Json.object(), null);
  }

  @Test
  void theFirstIntegrationThatHandlesAResourceRunsIt() {
    TaskIntegrations registry = TaskIntegrations.builder()
        .add(named("sqs", "arn:aws:states:::sqs:"))
        .add(named("any-states", "arn:aws:states:::"))
        .build();
    assertThat(registry.invoke(request("arn:aws:states:::sqs:sendMessage")))
        .isEqualTo(new TaskOutcome.Succeeded(Json.NODES.textNode("sqs")));
    assertThat(registry.invoke(request("arn:aws:states:::sns:publish")))
        .isEqualTo(new TaskOutcome.Succeeded(Json.NODES.textNode("any-states")));
  }

  @Test
  void anUnhandledResourceFailsNamingTheResourceAndTheOptionThatWouldServeIt() {
    TaskIntegrations registry = TaskIntegrations.builder()
        .whenUnhandled(resource -> "here: give --lambda-endpoint URL.")
        .build();
    assertThat(registry.invoke(request("arn:aws:lambda:us-east-1:1:function:f"))).isEqualTo(new TaskOutcome.Failed(
        "States.TaskFailed",
        "No handler is registered for resource 'arn:aws:lambda:us-east-1:1:function:f' here: give --lambda-endpoint URL."));
    assertThat(TaskIntegrations.builder().build().invoke(request("arn:x"))).isEqualTo(
        new TaskOutcome.Failed("States.TaskFailed", "No handler is registered for resource 'arn:x'."));
  }
}
