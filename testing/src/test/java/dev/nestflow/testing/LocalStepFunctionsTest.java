package dev.nestflow.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalStepFunctionsTest {
  static final Path MOCKS = Path.of("..", "examples", "mock-config");

  @Test
  void runsATestCaseOfAStepFunctionsLocalMockConfiguration() throws Exception {
    LocalStepFunctions sfn = LocalStepFunctions.create()
        .stateMachine("LambdaSQSIntegration", MOCKS.resolve("LambdaSQSIntegration.asl.json"))
        .mockConfig(MOCKS.resolve("MockConfigFile.json"), "RetryPath");
    Execution run = sfn.run("LambdaSQSIntegration", "{}");
    assertThat(run).succeeded().hasEvents("TaskFailed", 3).hasOutputAt("/MessageId", "3bcb6e8e-8b51-4375-b0bc-1a59812c6e51");
  }

  @Test
  void aWaitOfThirtyDaysEndsAtOnceOnTheVirtualClock() {
    LocalStepFunctions sfn = LocalStepFunctions.create().stateMachine("Month",
        "{\"StartAt\":\"W\",\"States\":{\"W\":{\"Type\":\"Wait\",\"Seconds\":2592000,\"End\":true}}}", "STANDARD");
    Execution run = sfn.run("Month", Map.of("x", 1));
    assertThat(run).succeeded().hasOutput("{\"x\":1}").passedThrough("W");
    assertThat(Duration.between(LocalStepFunctions.DEFAULT_START, sfn.now())).isEqualTo(Duration.ofDays(30));
  }

  @Test
  void aStateStubAnswersAnyTaskAndATaskFailureGoesToCatch() {
    LocalStepFunctions sfn = LocalStepFunctions.create().stateMachine("M", """
        {"StartAt": "Put", "States": {
          "Put": {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:putItem",
            "Parameters": {"TableName": "t", "Item": {"id": {"S.$": "$.id"}}}, "ResultPath": null, "Next": "Get",
            "Catch": [{"ErrorEquals": ["DynamoDB.ConditionalCheckFailedException"], "Next": "Exists"}]},
          "Get": {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:getItem",
            "Parameters": {"TableName": "t", "Key": {"id": {"S.$": "$.id"}}}, "End": true},
          "Exists": {"Type": "Succeed"}}}""", "STANDARD")
        .task("Put", input -> {
          if (input.at("/Item/id/S").asText().equals("dup")) {
            throw new TaskFailure("DynamoDB.ConditionalCheckFailedException", "exists");
          }
          return Map.of();
        })
        .task("Get", input -> Map.of("Item", Map.of("id", Map.of("S", input.at("/Key/id/S").asText()))));
    assertThat(sfn.run("M", Map.of("id", "a"))).succeeded().hasOutputAt("/Item/id/S", "a").passedThrough("Put", "Get");
    assertThat(sfn.run("M", Map.of("id", "dup"))).succeeded().passedThrough("Put", "Exists");
  }

  @Test
  void aCallbackWaitingInOneExecutionStopsTheClockOnlyForThatExecution() {
    LocalStepFunctions sfn = LocalStepFunctions.create()
        .stateMachine("Ask", """
            {"StartAt": "Approve", "States": {"Approve": {"Type": "Task",
              "Resource": "arn:aws:states:::sns:publish.waitForTaskToken", "TimeoutSeconds": 100,
              "Parameters": {"TopicArn": "t", "Message.$": "$$.Task.Token"}, "End": true}}}""", "STANDARD")
        .stateMachine("Sleep", "{\"StartAt\":\"W\",\"States\":{\"W\":{\"Type\":\"Wait\",\"Seconds\":50,\"End\":true}}}",
            "STANDARD");
    Execution ask = sfn.run("Ask", "{}");
    assertThat(ask).waitsForCallback("Approve");
    assertThat(sfn.run("Sleep", "{}")).succeeded();
    assertThat(sfn.now()).isEqualTo(LocalStepFunctions.DEFAULT_START.plusSeconds(50));
    assertThat(ask).waitsForCallback("Approve");
    ask.callback("Approve").orElseThrow().succeed(Map.of("ok", true));
    assertThat(ask).succeeded().hasOutput("{\"ok\":true}");
  }

  @Test
  void aTaskNothingAnswersFailsNamingTheState() {
    LocalStepFunctions sfn = LocalStepFunctions.create().stateMachine("M",
        "{\"StartAt\":\"Send\",\"States\":{\"Send\":{\"Type\":\"Task\",\"Resource\":\"arn:aws:states:::sns:publish\","
            + "\"Parameters\":{\"TopicArn\":\"t\",\"Message\":\"m\"},\"End\":true}}}", "STANDARD");
    assertThat(sfn.run("M", "{}")).failedWith("States.TaskFailed", "nothing answers Task state 'Send' (resource arn:aws:states:::sns:publish)");
  }

  @Test
  void failedAssertionsSayWhatTheExecutionDid() {
    LocalStepFunctions sfn = LocalStepFunctions.create().stateMachine("M",
        "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"Next\":\"B\"},\"B\":{\"Type\":\"Fail\",\"Error\":\"Boom\",\"Cause\":\"bad\"}}}",
        "STANDARD");
    Execution run = sfn.run("M", "{}");
    assertThatThrownBy(() -> assertThat(run).succeeded())
        .hasMessageContaining("Expected status SUCCEEDED but was FAILED")
        .hasMessageContaining("states: A -> B")
        .hasMessageContaining("error: Boom")
        .hasMessageContaining("cause: bad");
    assertThatThrownBy(() -> assertThat(run).passedThrough("A", "C"))
        .hasMessageContaining("Expected the states\n  A -> C\nbut the execution went through\n  A -> B");
    assertThatThrownBy(() -> assertThat(run).visited("B", "A")).hasMessageContaining("A came too early");
    assertThatThrownBy(() -> NestflowAssertions.assertThat(run).hasEvents("TaskFailed", 1))
        .hasMessageContaining("Expected 1 TaskFailed events but found 0");
  }

  @Test
  void anInvalidDefinitionOrAnUnknownMachineIsRefusedWithAwsWording(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    Path bad = dir.resolve("bad.asl.json");
    Files.writeString(bad, "{\"StartAt\":\"Missing\",\"States\":{\"A\":{\"Type\":\"Pass\",\"End\":true}}}");
    assertThatThrownBy(() -> LocalStepFunctions.create().stateMachine("Bad", bad))
        .hasMessageContaining("state machine Bad: Invalid State Machine Definition");
    assertThatThrownBy(() -> LocalStepFunctions.create().run("Nope", "{}")).hasMessageContaining("no state machine Nope is registered");
  }
}
