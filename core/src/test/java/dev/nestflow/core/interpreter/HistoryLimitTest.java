package dev.nestflow.core.interpreter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.json.Json;
import dev.nestflow.core.states.StateMachineParser;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A Standard execution's history holds at most 25,000 events: event 25,000 may be
 * ExecutionSucceeded, anything else is replaced by ExecutionFailed (States.Runtime).
 */
class HistoryLimitTest {

  /**
   * Inc (Pass, counter + 1) then Check (Choice: counter below {@code n} loops back to Inc, else
   * Done). {@code n} rounds write 1 + 4n + 3 events (ExecutionStarted; Inc and Check entered and
   * exited each round; Done entered and exited; ExecutionSucceeded).
   */
  private static String loop(int n) {
    return """
        {"StartAt": "Inc", "States": {
          "Inc": {"Type": "Pass", "Parameters": {"i.$": "States.MathAdd($.i, 1)"}, "Next": "Check"},
          "Check": {"Type": "Choice", "Choices": [{"Variable": "$.i", "NumericLessThan": %d, "Next": "Inc"}],
                    "Default": "Done"},
          "Done": {"Type": "Succeed"}}}
        """.formatted(n);
  }

  private static ExecutionResult run(String definition, ExecutionIdentity identity) {
    return new VirtualTimeRunner(Runs.NO_TASKS)
        .run(StateMachineParser.parse(Json.parse(definition)), identity, Json.parse("{\"i\": 0}"), null,
            Environment.of(new Random(1)));
  }

  @Test
  void executionWhoseLastEventIsNumber25000Succeeds() {
    ExecutionResult r = run(loop(6249), Runs.identity());

    assertThat(r.status()).isEqualTo("SUCCEEDED");
    assertThat(r.history()).hasSize(25_000);
    assertThat(r.history().get(24_999).get("type").asText()).isEqualTo("ExecutionSucceeded");
  }

  @Test
  void event25000ThatIsNotExecutionSucceededIsReplacedByExecutionFailed() {
    ExecutionResult r = run(loop(6250), Runs.identity());

    assertThat(r.status()).isEqualTo("FAILED");
    assertThat(r.error()).isEqualTo("States.Runtime");
    assertThat(r.cause()).isEqualTo("The execution reached the maximum number of history events (25000).");
    List<ObjectNode> h = r.history();
    assertThat(h).hasSize(Execution.MAX_HISTORY_EVENTS);
    assertThat(h.get(24_998).get("type").asText()).isEqualTo("PassStateExited");
    ObjectNode last = h.get(24_999);
    assertThat(last.get("type").asText()).isEqualTo("ExecutionFailed");
    assertThat(last.get("id").asLong()).isEqualTo(25_000);
    assertThat(last.get("previousEventId").asLong()).isEqualTo(24_999);
    assertThat(last.get("executionFailedEventDetails").get("error").asText()).isEqualTo("States.Runtime");
    assertThat(last.get("executionFailedEventDetails").get("cause").asText())
        .isEqualTo("The execution reached the maximum number of history events (25000).");
  }

  @Test
  void thirtyThousandStateLoopFailsAtTheLimit() {
    ExecutionResult r = run(loop(15_001), Runs.identity()); // 30,002 states entered: 60,008 events unlimited

    assertThat(r.status()).isEqualTo("FAILED");
    assertThat(r.error()).isEqualTo("States.Runtime");
    assertThat(r.history()).hasSize(25_000);
  }

  @Test
  void expressExecutionHasNoHistoryLimit() {
    ExecutionIdentity express = new ExecutionIdentity(
        "arn:aws:states:us-east-1:111111111111:express:Machine:run-1:0f0e7c1e-1b7e-4b8e-9d53-3c1a3a8b7f0a", "run-1",
        Runs.SM_ARN, "Machine", "arn:aws:iam::111111111111:role/r", Runs.START);

    ExecutionResult r = run(loop(15_001), express);

    assertThat(r.status()).isEqualTo("SUCCEEDED");
    assertThat(r.history()).hasSize(4 * 15_001 + 4);
  }

  @Test
  void aTaskWhoseScheduledEventWouldBeNumber25000IsNeverInvoked() {
    // First (5 events) after ExecutionStarted, 6,248 rounds of 4: Last is entered as event 24,999 and
    // its LambdaFunctionScheduled would be event 25,000
    String fn = "arn:aws:lambda:us-east-1:111111111111:function:fn";
    String definition = """
        {"StartAt": "First", "States": {
          "First": {"Type": "Task", "Resource": "%s", "ResultPath": null, "Next": "Inc"},
          "Inc": {"Type": "Pass", "Parameters": {"i.$": "States.MathAdd($.i, 1)"}, "Next": "Check"},
          "Check": {"Type": "Choice", "Choices": [{"Variable": "$.i", "NumericLessThan": 6248, "Next": "Inc"}],
                    "Default": "Last"},
          "Last": {"Type": "Task", "Resource": "%s", "End": true}}}
        """.formatted(fn, fn);
    Runs.ScriptedTasks tasks = new Runs.ScriptedTasks("{}");
    ExecutionResult r = new VirtualTimeRunner(tasks)
        .run(StateMachineParser.parse(Json.parse(definition)), Runs.identity(), Json.parse("{\"i\": 0}"), null,
            Environment.of(new Random(1)));

    assertThat(r.status()).isEqualTo("FAILED");
    assertThat(r.error()).isEqualTo("States.Runtime");
    assertThat(r.history().get(24_998).get("type").asText()).isEqualTo("TaskStateEntered");
    assertThat(tasks.calls).extracting(Effect.InvokeTask::stateName).containsExactly("First");
  }
}
