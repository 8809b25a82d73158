package dev.nestflow.infrastructure.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nestflow.core.interpreter.ExecutionResult;
import dev.nestflow.infrastructure.tasks.TaskOutcome;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Regression tests for what the fault-injection suite found: each places one fault by hand. */
class CrashRecoveryTest {
  private final Map<String, Integer> invocations = new HashMap<>();
  private final ScriptedFaults run = new ScriptedFaults(request -> {
    invocations.merge(request.stateName(), 1, Integer::sum);
    return new TaskOutcome.Succeeded(request.input());
  });

  private ExecutionResult result(String arn) {
    return run.runtime.commands().describe(arn).orElseThrow();
  }

  private String parentOf(String childArn, String resource) {
    return run.machine("Parent", "{\"StartAt\":\"Run\",\"States\":{\"Run\":{\"Type\":\"Task\",\"Resource\":\"" + resource
        + "\",\"Parameters\":{\"StateMachineArn\":\"" + childArn + "\"},\"End\":true}}}");
  }

  @Test
  void aChildWhoseStartMessageWasLostInACrashIsStartedWhenTheParentStepRunsAgain() {
    String child = run.machine("Child", "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"End\":true}}}");
    String parent = parentOf(child, "arn:aws:states:::states:startExecution.sync:2");
    run.crashBeforeSend = body -> body.contains(":Child:") && body.contains("\"id\":\"start\"");
    String arn = run.runtime.commands().startExecution(parent, "p", "{}").executionArn();
    run.drain();

    assertThat(result(arn).status()).isEqualTo("SUCCEEDED");
    assertThat(run.store.executions(child)).hasSize(1);
  }

  @Test
  void aFireAndForgetChildThatEndedBeforeTheParentStepRanAgainIsNotStartedTwice() {
    String child = run.machine("Child", "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"End\":true}}}");
    String parent = parentOf(child, "arn:aws:states:::states:startExecution");
    run.crashBeforeSend = body -> body.contains(":Parent:") && body.contains("\"id\":\"task:");
    String arn = run.runtime.commands().startExecution(parent, "p", "{}").executionArn();
    run.drain();

    ExecutionResult r = result(arn);
    assertThat(r.status()).isEqualTo("SUCCEEDED"); // was FAILED: StepFunctions.ExecutionAlreadyExistsException
    assertThat(run.store.executions(child)).hasSize(1);
  }

  @Test
  void aStepThatFailsBeforeItsAppendIsAppliedWhenItsMessageComesBack() {
    String sm = run.machine("Waits", "{\"StartAt\":\"W\",\"States\":{\"W\":{\"Type\":\"Wait\",\"Seconds\":10,\"Next\":\"P\"},"
        + "\"P\":{\"Type\":\"Pass\",\"End\":true}}}");
    String arn = run.runtime.commands().startExecution(sm, "w", "{}").executionArn();
    run.runtime.stateAdvance().handle(TransitionMessage.start(arn).toJson()); // the warm runtime caches the execution
    run.crashBeforeAppends = 1; // the timer's step fails after the cached execution took the signal
    run.drain();

    // was RUNNING with one signal: the cached execution already held the timer, so its redelivery
    // changed nothing and the log never got it (while describe, reading the cache, said SUCCEEDED)
    assertThat(run.store.execution(arn).orElseThrow().status()).isEqualTo("SUCCEEDED");
    assertThat(run.store.signals(arn)).hasSize(2);
  }

  @Test
  void aChildsAnswerThatOvertakesTheParentsTaskSubmittedWaitsForIt() {
    String child = run.machine("Child", "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"End\":true}}}");
    String parent = parentOf(child, "arn:aws:states:::states:startExecution.sync:2");
    run.extraDelay = body -> body.contains("\"id\":\"submitted:") ? Duration.ofSeconds(60) : Duration.ZERO;
    String arn = run.runtime.commands().startExecution(parent, "p", "{}").executionArn();
    run.drain();

    assertThat(Runs.types(result(arn))).containsExactly("ExecutionStarted", "TaskStateEntered", "TaskScheduled",
        "TaskStarted", "TaskSubmitted", "TaskSucceeded", "TaskStateExited", "ExecutionSucceeded");
  }

  @Test
  void anOldMessageDeliveredAgainDoesNotRunTasksThatWereAnswered() {
    String sm = run.machine("Two", "{\"StartAt\":\"A\",\"States\":{"
        + "\"A\":{\"Type\":\"Task\",\"Resource\":\"arn:aws:lambda:us-east-1:123456789012:function:f\",\"Next\":\"B\"},"
        + "\"B\":{\"Type\":\"Task\",\"Resource\":\"arn:aws:lambda:us-east-1:123456789012:function:f\",\"End\":true}}}");
    String arn = run.runtime.commands().startExecution(sm, "t", "{}").executionArn();
    run.drain();
    assertThat(invocations).isEqualTo(Map.of("A", 1, "B", 1));

    run.runtime.stateAdvance().handle(TransitionMessage.start(arn).toJson()); // SQS delivers the start message again
    run.drain();

    assertThat(invocations).isEqualTo(Map.of("A", 1, "B", 1)); // was A 2, B 2: every later task ran again
    assertThat(result(arn).status()).isEqualTo("SUCCEEDED");
  }
}
