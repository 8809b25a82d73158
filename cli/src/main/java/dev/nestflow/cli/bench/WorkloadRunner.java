package dev.nestflow.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.cli.LocalRunner;
import dev.nestflow.core.interpreter.Environment;
import dev.nestflow.core.interpreter.ExecutionIdentity;
import dev.nestflow.core.interpreter.ExecutionResult;
import dev.nestflow.core.interpreter.VirtualTimeRunner;
import dev.nestflow.core.json.Json;
import dev.nestflow.core.states.StateMachine;
import dev.nestflow.infrastructure.embedded.EmbeddedRuntime;
import dev.nestflow.infrastructure.store.ExecutionRecord;
import dev.nestflow.infrastructure.store.StateMachineRecord;
import dev.nestflow.infrastructure.tasks.TaskInvoker;
import java.time.Instant;
import java.util.Map;
import java.util.Random;

/**
 * Runs a {@link Workload} in-process, warm: the definition is validated and parsed once, then each
 * {@link #runOnce} is one execution with history recording on. Workloads without child executions
 * run on the interpreter ({@link VirtualTimeRunner}); nested ones on the {@link EmbeddedRuntime}
 * (the queue/store runtime over in-memory adapters), where each run is a fresh runtime.
 */
public final class WorkloadRunner {
  public static final String ACCOUNT = "123456789012";
  public static final String REGION = "us-east-1";
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final String ROLE = "arn:aws:iam::" + ACCOUNT + ":role/nestflow-bench";

  /** One run's status and output. */
  public record Outcome(String status, JsonNode output) {}

  private final Workload workload;
  private final StateMachine machine;
  private final JsonNode input;
  private long runs;
  private long statesEntered = -1;

  public WorkloadRunner(Workload workload) {
    this.workload = workload;
    this.machine = LocalRunner.create(workload.definitionText(), "STANDARD");
    for (String child : workload.children().values()) {
      LocalRunner.create(child, "STANDARD");
    }
    this.input = LocalRunner.parseInput(workload.inputText());
  }

  public Workload workload() {
    return workload;
  }

  public static String stateMachineArn(String name) {
    return "arn:aws:states:" + REGION + ":" + ACCOUNT + ":stateMachine:" + name;
  }

  /** Runs one execution to its end. */
  public Outcome runOnce() {
    return run(false);
  }

  /**
   * States entered by one execution, children's included (counted from the histories of one
   * extra run, outside any timing).
   */
  public long statesEntered() {
    if (statesEntered < 0) {
      run(true);
    }
    return statesEntered;
  }

  private Outcome run(boolean count) {
    long n = ++runs;
    if (workload.nested()) {
      return runEmbedded(n, count);
    }
    String smArn = stateMachineArn("bench-" + workload.name());
    String name = "run-" + n;
    ExecutionIdentity identity = new ExecutionIdentity(smArn.replace(":stateMachine:", ":execution:") + ":" + name, name,
        smArn, "bench-" + workload.name(), ROLE, T0);
    ExecutionResult r = new VirtualTimeRunner(task -> {
      throw new IllegalStateException("no task handler in the interpreter benchmark: " + task.resource());
    }).run(machine, identity, input, workload.inputText(), Environment.of(new Random(n)));
    if (count) {
      statesEntered = statesEntered(r);
    }
    return new Outcome(r.status(), r.output());
  }

  private Outcome runEmbedded(long n, boolean count) {
    EmbeddedRuntime cluster = new EmbeddedRuntime(T0, TaskInvoker.none());
    String parent = stateMachineArn("bench-" + workload.name());
    cluster.store().putStateMachine(new StateMachineRecord(parent, "bench-" + workload.name(), "STANDARD",
        workload.definitionText(), ROLE, T0.toEpochMilli()));
    for (Map.Entry<String, String> child : workload.children().entrySet()) {
      cluster.store().putStateMachine(new StateMachineRecord(stateMachineArn(child.getKey()), child.getKey(), "STANDARD",
          child.getValue(), ROLE, T0.toEpochMilli()));
    }
    String arn = cluster.runtime().commands().startExecution(parent, "run-" + n, workload.inputText()).executionArn();
    cluster.runUntilIdle(T0.plusSeconds(365L * 24 * 3600));
    ExecutionRecord head = cluster.store().execution(arn).orElseThrow();
    JsonNode output = head.outputText() == null ? null : Json.parse(head.outputText());
    if (count) {
      long entered = statesEntered(cluster.runtime().commands().describe(arn).orElseThrow());
      for (String child : workload.children().keySet()) {
        for (ExecutionRecord rec : cluster.store().executions(stateMachineArn(child))) {
          entered += statesEntered(cluster.runtime().commands().describe(rec.executionArn()).orElseThrow());
        }
      }
      statesEntered = entered;
    }
    return new Outcome(head.status(), output);
  }

  /** Every StateEntered event (states inside Map iterations and Parallel branches included). */
  public static long statesEntered(ExecutionResult r) {
    long n = 0;
    for (ObjectNode e : r.history()) {
      if (e.get("type").asText().endsWith("StateEntered")) {
        n++;
      }
    }
    return n;
  }

  /** Whether the outcome is the workload's expected output. */
  public boolean matches(Outcome o) {
    return "SUCCEEDED".equals(o.status()) && workload.expected().equals(o.output());
  }

  /** The JSON text of an outcome's output, for messages. */
  public static String describe(Outcome o) {
    return o.status() + " " + (o.output() == null ? "" : Json.write(o.output()));
  }
}
