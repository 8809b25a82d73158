package dev.nestflow.core.interpreter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.json.Json;
import dev.nestflow.core.states.StateMachineParser;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A task result above 256 KiB fails the task itself with States.DataLimitExceeded. */
class TaskResultLimitTest {
  private static final String FUNCTION = "arn:aws:lambda:us-east-1:123456789012:function:big";
  private static final TaskHandler TOO_LARGE = task -> Json.NODES.textNode("a".repeat(257 * 1024));

  private static ExecutionResult run(String definition) {
    ExecutionIdentity identity = new ExecutionIdentity(
        "arn:aws:states:us-east-1:123456789012:execution:m:e", "e", "arn:aws:states:us-east-1:123456789012:stateMachine:m",
        "m", "arn:aws:iam::123456789012:role/r", Instant.parse("2025-01-01T00:00:00Z"));
    return new VirtualTimeRunner(TOO_LARGE)
        .run(StateMachineParser.parse(Json.parse(definition)), identity, Json.object(), "{}", Environment.of(new Random(1)));
  }

  @Test
  void tooLargeFunctionResultIsALambdaFunctionFailureNamingTheFunction() {
    ExecutionResult result = run("{\"StartAt\":\"T\",\"States\":{\"T\":{\"Type\":\"Task\",\"Resource\":\"" + FUNCTION
        + "\",\"End\":true}}}");
    assertThat(result.status()).isEqualTo("FAILED");
    assertThat(result.error()).isEqualTo("States.DataLimitExceeded");
    assertThat(result.cause()).isEqualTo("The state/task '" + FUNCTION
        + "' returned a result with a size exceeding the maximum number of bytes service limit.");
    assertThat(result.history()).extracting(e -> e.get("type").asText()).contains("LambdaFunctionFailed");
  }

  @Test
  void tooLargeServiceResultNamesTheServiceAndIsCaughtByStatesAll() {
    ExecutionResult result = run("{\"StartAt\":\"T\",\"States\":{\"T\":{\"Type\":\"Task\","
        + "\"Resource\":\"arn:aws:states:::lambda:invoke\",\"Catch\":[{\"ErrorEquals\":[\"States.ALL\"],\"Next\":\"P\"}],"
        + "\"End\":true},\"P\":{\"Type\":\"Pass\",\"End\":true}}}");
    assertThat(result.status()).isEqualTo("SUCCEEDED");
    ObjectNode expected = Json.object();
    expected.put("Error", "States.DataLimitExceeded");
    expected.put("Cause", "The state/task 'lambda' returned a result with a size exceeding the maximum number of bytes service limit.");
    assertThat(result.output()).isEqualTo(expected);
    assertThat(result.history()).extracting(e -> e.get("type").asText()).contains("TaskFailed");
  }
}
