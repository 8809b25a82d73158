package dev.nestflow.core.interpreter;

import static dev.nestflow.core.interpreter.Runs.elapsed;
import static dev.nestflow.core.interpreter.Runs.run;
import static dev.nestflow.core.interpreter.Runs.single;
import static dev.nestflow.core.interpreter.Runs.types;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.json.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

class HistoryShapeTest {

  private static final String TWO_PASSES =
      """
      {"StartAt": "A", "States": {
        "A": {"Type": "Pass", "Result": {"x": 1}, "Next": "B"},
        "B": {"Type": "Pass", "End": true}}}""";

  private static List<String> keys(ObjectNode node) {
    List<String> out = new ArrayList<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      out.add(it.next());
    }
    return out;
  }

  @Test
  void eventIdsAreDenseFromOne() {
    ExecutionResult r = run(TWO_PASSES, "{}");
    for (int i = 0; i < r.history().size(); i++) {
      assertThat(r.history().get(i).get("id").asLong()).isEqualTo(i + 1);
    }
  }

  @Test
  void previousEventIdChainsLikeAwsRecordsIt() {
    ExecutionResult r = run(TWO_PASSES, "{}");
    // AWS records the first state's entry with previousEventId 0, then each event follows the one before
    assertThat(r.history().stream().map(e -> e.get("previousEventId").asLong()).toList()).containsExactly(0L, 0L, 2L, 3L, 4L, 5L);
  }

  @Test
  void simpleMachineWritesTheExpectedEventTypes() {
    ExecutionResult r = run(TWO_PASSES, "{}");
    assertThat(types(r))
        .containsExactly("ExecutionStarted", "PassStateEntered", "PassStateExited", "PassStateEntered", "PassStateExited",
            "ExecutionSucceeded");
  }

  @Test
  void eachEventHasItsDetailsUnderTheAwsKeyWithPayloadsAsJsonText() {
    ExecutionResult r = run(TWO_PASSES, "{\"in\": true}");
    List<ObjectNode> h = r.history();
    assertThat(keys(h.get(0))).containsExactlyInAnyOrder("timestamp", "type", "id", "previousEventId", "executionStartedEventDetails");
    assertThat(h.get(0).get("executionStartedEventDetails"))
        .isEqualTo(Json.parse("{\"input\": \"{\\\"in\\\":true}\", \"inputDetails\": {\"truncated\": false},"
            + " \"roleArn\": \"arn:aws:iam::111111111111:role/r\"}"));
    assertThat(h.get(1).get("stateEnteredEventDetails"))
        .isEqualTo(Json.parse("{\"name\": \"A\", \"input\": \"{\\\"in\\\":true}\", \"inputDetails\": {\"truncated\": false}}"));
    assertThat(h.get(2).get("stateExitedEventDetails"))
        .isEqualTo(Json.parse("{\"name\": \"A\", \"output\": \"{\\\"x\\\":1}\", \"outputDetails\": {\"truncated\": false}}"));
    assertThat(h.get(5).get("executionSucceededEventDetails"))
        .isEqualTo(Json.parse("{\"output\": \"{\\\"x\\\":1}\", \"outputDetails\": {\"truncated\": false}}"));
  }

  @Test
  void timestampsAreEpochSecondsWithMilliseconds() {
    ExecutionResult r = run(TWO_PASSES, "{}");
    assertThat(r.history().get(0).get("timestamp").decimalValue()).isEqualByComparingTo(
        java.math.BigDecimal.valueOf(Runs.START.toEpochMilli(), 3));
  }

  @Test
  void uncaughtErrorEndsWithExecutionFailedCarryingErrorAndCause() {
    ExecutionResult r = run(single("{\"Type\": \"Fail\", \"Error\": \"E\", \"Cause\": \"C\"}"), "{}");
    ObjectNode last = Runs.last(r);
    assertThat(last.get("type").asText()).isEqualTo("ExecutionFailed");
    assertThat(last.get("previousEventId").asLong()).isEqualTo(2);
    assertThat(last.get("executionFailedEventDetails")).isEqualTo(Json.parse("{\"error\": \"E\", \"cause\": \"C\"}"));
    assertThat(r.output()).isNull();
  }

  @Test
  void stateOutputOverThePayloadLimitFailsTheExecutionWithDataLimitExceeded() {
    String big = "a".repeat(Execution.MAX_PAYLOAD_BYTES);
    ExecutionResult r = run(single("{\"Type\": \"Pass\", \"Result\": {\"Arg1\": \"" + big + "\"}, \"End\": true}"), "{}");
    assertThat(r.status()).isEqualTo("FAILED");
    assertThat(r.error()).isEqualTo("States.DataLimitExceeded");
    assertThat(r.cause())
        .isEqualTo("The state/task 'S' returned a result with a size exceeding the maximum number of bytes service limit.");
    assertThat(types(r)).containsExactly("ExecutionStarted", "PassStateEntered", "ExecutionFailed");
    assertThat(Runs.last(r).get("previousEventId").asLong()).isEqualTo(2);
  }

  @Test
  void payloadJustUnderTheLimitPasses() {
    // a JSON string of n characters is n + 2 bytes
    String fits = "a".repeat(Execution.MAX_PAYLOAD_BYTES - 2);
    ExecutionResult r = run(single("{\"Type\": \"Pass\", \"Result\": \"" + fits + "\", \"End\": true}"), "{}");
    assertThat(r.status()).isEqualTo("SUCCEEDED");
  }

  @Test
  void payloadLimitCountsUtf8BytesNotCharacters() {
    String twoByteChars = "\u00e9".repeat(Execution.MAX_PAYLOAD_BYTES / 2);
    ExecutionResult r = run(single("{\"Type\": \"Pass\", \"Result\": \"" + twoByteChars + "\", \"End\": true}"), "{}");
    assertThat(r.error()).isEqualTo("States.DataLimitExceeded");
  }

  @Test
  void executionTimeoutSecondsEndsTheExecutionTimedOut() {
    ExecutionResult r =
        run(
            """
            {"TimeoutSeconds": 5, "StartAt": "W", "States": {
              "W": {"Type": "Wait", "Seconds": 60, "Next": "P"},
              "P": {"Type": "Pass", "End": true}}}""",
            "{}");
    assertThat(r.status()).isEqualTo("TIMED_OUT");
    assertThat(r.error()).isEqualTo("States.Timeout");
    assertThat(r.output()).isNull();
    assertThat(types(r)).containsExactly("ExecutionStarted", "WaitStateEntered", "ExecutionTimedOut");
    assertThat(elapsed(Runs.last(r))).isEqualTo(Duration.ofSeconds(5));
    assertThat(Runs.last(r).get("executionTimedOutEventDetails").get("error").asText()).isEqualTo("States.Timeout");
  }

  @Test
  void executionFinishingBeforeItsTimeoutSucceeds() {
    ExecutionResult r =
        run("{\"TimeoutSeconds\": 5, \"StartAt\": \"W\", \"States\": {\"W\": {\"Type\": \"Wait\", \"Seconds\": 4, \"End\": true}}}", "{}");
    assertThat(r.status()).isEqualTo("SUCCEEDED");
    assertThat(types(r)).doesNotContain("ExecutionTimedOut");
  }

  @Test
  void executionTimeoutStopsARetryingTask() {
    Runs.ScriptedTasks tasks = new Runs.ScriptedTasks(Runs.failure("E", null));
    ExecutionResult r =
        run("{\"TimeoutSeconds\": 10, \"StartAt\": \"T\", \"States\": {\"T\": {\"Type\": \"Task\", \"Resource\": \""
                + Runs.LAMBDA_INVOKE + "\", \"Retry\": [{\"ErrorEquals\": [\"E\"], \"IntervalSeconds\": 4, \"BackoffRate\": 1,"
                + " \"MaxAttempts\": 10}], \"End\": true}}}",
            "{}", tasks);
    assertThat(r.status()).isEqualTo("TIMED_OUT");
    // attempts at 0, 4 and 8 seconds; the one due at 12 never runs
    assertThat(tasks.calls).hasSize(3);
    assertThat(elapsed(Runs.last(r))).isEqualTo(Duration.ofSeconds(10));
  }
}
