package dev.nestflow.infrastructure.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nestflow.core.interpreter.ExecutionResult;
import dev.nestflow.infrastructure.embedded.EmbeddedRuntime;
import dev.nestflow.infrastructure.store.StateMachineRecord;
import dev.nestflow.infrastructure.testing.FunctionServer;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * A Lambda task is one Invoke call per attempt, waiting as long as the function runs: a function
 * that takes longer than the SDK's default read timeout (30 s) is not called again and its result
 * ends the execution. Real time: the function sleeps 35 s behind a local Invoke API.
 */
class LongLambdaTaskTest {
  private static final String SM = "arn:aws:states:us-east-1:123456789012:stateMachine:Long";
  private static final String FN = "arn:aws:lambda:us-east-1:123456789012:function:Slow";

  private final FunctionServer functions = FunctionServer.start();
  private final AwsLambdaFunctions lambda = AwsLambdaFunctions.over(new LambdaInvokeClient(
      StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")), Region.US_EAST_1,
      functions.endpoint()));

  @AfterEach
  void stop() {
    lambda.close();
    functions.close();
  }

  @Test
  void aThirtyFiveSecondFunctionIsInvokedOnceAndTheExecutionSucceeds() {
    functions.function("Slow", payload -> {
      sleep(35_000);
      return "{\"slept\":35,\"got\":" + payload + "}";
    });
    EmbeddedRuntime embedded = new EmbeddedRuntime(Instant.parse("2026-01-01T00:00:00Z"),
        TaskIntegrations.builder().add(new LambdaIntegration(lambda)).build());
    embedded.store().putStateMachine(new StateMachineRecord(SM, "Long", "STANDARD", """
        {"StartAt":"Slow","States":{"Slow":{"Type":"Task","Resource":"%s","End":true}}}""".formatted(FN),
        "arn:aws:iam::123456789012:role/r", 0));

    String arn = embedded.runtime().commands().startExecution(SM, "once", "{\"n\":1}").executionArn();
    embedded.runUntilIdle(Instant.parse("2026-01-02T00:00:00Z"));

    ExecutionResult result = embedded.runtime().commands().describe(arn).orElseThrow();
    assertThat(functions.invocations("Slow")).isEqualTo(1);
    assertThat(result.status()).as("%s %s", result.error(), result.cause()).isEqualTo("SUCCEEDED");
    assertThat(result.output().toString()).isEqualTo("{\"slept\":35,\"got\":{\"n\":1}}");
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
