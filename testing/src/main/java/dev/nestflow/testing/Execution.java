package dev.nestflow.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.interpreter.ExecutionResult;
import dev.nestflow.core.json.Json;
import dev.nestflow.infrastructure.store.ExecutionRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.AssertProvider;

/**
 * One execution, as the test sees it now (every call reads the current state): status, output or
 * error and cause, history events as GetExecutionHistory returns them, the states it entered, the
 * executions it started, and the callbacks waiting for the test. {@code assertThat(execution)} (AssertJ's
 * or {@link NestflowAssertions}') gives {@link ExecutionAssert}.
 */
public final class Execution implements AssertProvider<ExecutionAssert> {
  private final LocalStepFunctions sfn;
  private final String arn;

  Execution(LocalStepFunctions sfn, String arn) {
    this.sfn = sfn;
    this.arn = arn;
  }

  public String arn() {
    return arn;
  }

  public String name() {
    return record().name();
  }

  /** The state machine's name (the part of its ARN after {@code stateMachine:}). */
  public String stateMachineName() {
    String machine = record().stateMachineArn();
    return machine.substring(machine.lastIndexOf(':') + 1);
  }

  private ExecutionRecord record() {
    return sfn.embedded().store().execution(arn).orElseThrow();
  }

  private ExecutionResult result() {
    return sfn.runtime().describe(arn).orElseThrow();
  }

  /** RUNNING, SUCCEEDED, FAILED, TIMED_OUT or ABORTED. */
  public String status() {
    return result().status();
  }

  /** The output of a SUCCEEDED execution, else null. */
  public JsonNode output() {
    return result().output();
  }

  public String error() {
    return result().error();
  }

  public String cause() {
    return result().cause();
  }

  public JsonNode input() {
    return Json.parse(record().inputText());
  }

  public Instant startDate() {
    return Instant.ofEpochMilli(record().startMillis());
  }

  /** The history events, oldest first, shaped as GetExecutionHistory returns them. */
  public List<ObjectNode> history() {
    return result().history();
  }

  /** The history's event types, in order. */
  public List<String> eventTypes() {
    return history().stream().map(e -> e.get("type").asText()).toList();
  }

  /** The states entered, in order (states inside Map iterations and Parallel branches included). */
  public List<String> statePath() {
    List<String> path = new ArrayList<>();
    for (ObjectNode e : history()) {
      if (e.get("type").asText().endsWith("StateEntered")) {
        path.add(e.path("stateEnteredEventDetails").path("name").asText());
      }
    }
    return path;
  }

  /** The executions this one started (states:startExecution), oldest first. */
  public List<Execution> children() {
    List<ExecutionRecord> found = new ArrayList<>();
    for (String machine : sfn.machines()) {
      sfn.embedded().store().executions(machine).stream().filter(r -> arn.equals(r.parentArn())).forEach(found::add);
    }
    found.sort(Comparator.comparingLong(ExecutionRecord::startMillis).thenComparing(ExecutionRecord::name));
    return found.stream().map(r -> new Execution(sfn, r.executionArn())).toList();
  }

  /** The executions of {@code stateMachineName} this one started. */
  public List<Execution> children(String stateMachineName) {
    return children().stream().filter(c -> c.stateMachineName().equals(stateMachineName)).toList();
  }

  /** The callback tasks of this execution that wait for the test's answer. */
  public List<Callback> callbacks() {
    return sfn.callbacks(arn);
  }

  /** The callback of state {@code stateName} that waits for the test's answer, if one does. */
  public Optional<Callback> callback(String stateName) {
    return callbacks().stream().filter(c -> c.stateName().equals(stateName)).findFirst();
  }

  /**
   * Lets virtual time run on without answering the waiting callbacks: their TimeoutSeconds (or
   * HeartbeatSeconds) fire as they would if no worker ever answered.
   */
  public Execution withoutAnswers() {
    return sfn.driveIgnoringCallbacks(arn);
  }

  /** StopExecution, then runs on. */
  public Execution stop(String error, String cause) {
    sfn.runtime().stopExecution(arn, error, cause);
    return sfn.drive(arn);
  }

  @Override
  public ExecutionAssert assertThat() {
    return new ExecutionAssert(this);
  }

  /** A few lines for failure messages: status, path, output or error, waiting callbacks. */
  public String summary() {
    ExecutionResult r = result();
    StringBuilder s = new StringBuilder();
    s.append("execution ").append(arn).append('\n');
    s.append("  status: ").append(r.status()).append('\n');
    s.append("  states: ").append(String.join(" -> ", statePath())).append('\n');
    if (r.output() != null) {
      s.append("  output: ").append(Json.write(r.output())).append('\n');
    }
    if (r.error() != null || r.cause() != null) {
      s.append("  error: ").append(r.error()).append('\n');
      s.append("  cause: ").append(r.cause()).append('\n');
    }
    for (Callback c : callbacks()) {
      s.append("  waiting: ").append(c).append('\n');
    }
    return s.toString();
  }

  @Override
  public String toString() {
    return summary();
  }
}
