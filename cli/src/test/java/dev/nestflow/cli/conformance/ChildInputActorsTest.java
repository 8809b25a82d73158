package dev.nestflow.cli.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nestflow.core.interpreter.ExecutionResult;
import dev.nestflow.core.json.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The actors that answer a parent's token from a child execution's input, through the queue runtime. */
class ChildInputActorsTest {
  private static final String MACHINES = "arn:aws:states:us-east-1:123456789012:stateMachine:";
  private static final String PARENT = """
      {"StartAt":"StartChild","States":{"StartChild":{"Type":"Task",
        "Resource":"arn:aws:states:::states:startExecution.waitForTaskToken",
        "Parameters":{"StateMachineArn":"%sWorker","Name":"exec-1",
          "Input":{"TaskToken.$":"$$.Task.Token","Value":{"n":7},"Reason":"child says no"}},
        "TimeoutSeconds":300,"End":true}}}""".formatted(MACHINES);
  private static final String CHILD = "{\"StartAt\":\"Idle\",\"States\":{\"Idle\":{\"Type\":\"Pass\",\"End\":true}}}";

  private static ExecutionResult run(String actor) {
    CaseExecution c = new CaseExecution("test/child_input", PARENT, "STANDARD", Json.object(), MACHINES + "Parent",
        "parent-run", "arn:aws:iam::123456789012:role/r", "us-east-1", "123456789012",
        Map.of(MACHINES + "Worker", CHILD), Map.of(), List.of(), Json.parse("[" + actor + "]"), List.of("sfn:child"),
        List.of());
    return new QueueCaseRun(c).run();
  }

  @Test
  void sendTaskSuccessFromChildInputAnswersWithTheMemberOfTheChildsInput() {
    ExecutionResult r = run("""
        {"kind":"send_task_success_from_child_input","child":"Worker","execution_name":"exec-1",
         "token_field":"TaskToken","action":"success","output_field":"Value"}""");
    assertThat(r.status().toString()).isEqualTo("SUCCEEDED");
    assertThat(r.output()).isEqualTo(Json.parse("{\"n\":7}"));
  }

  @Test
  void sendTaskFailureFromChildInputFailsTheTaskWithTheGivenErrorAndCause() {
    ExecutionResult r = run("""
        {"kind":"send_task_failure_from_child_input","child":"Worker","execution_name":"exec-1",
         "token_field":"TaskToken","before":[{"heartbeats":1}],"action":"failure","error":"Child.Refused",
         "cause_field":"Reason"}""");
    assertThat(r.status().toString()).isEqualTo("FAILED");
    assertThat(r.error()).isEqualTo("Child.Refused");
    assertThat(r.cause()).isEqualTo("child says no");
  }

  @Test
  void withoutTheActorTheTaskTimesOut() {
    ExecutionResult r = run("{\"kind\":\"no_answer\",\"state\":\"StartChild\"}");
    assertThat(r.status().toString()).isEqualTo("FAILED");
    assertThat(r.error()).isEqualTo("States.Timeout");
  }
}
