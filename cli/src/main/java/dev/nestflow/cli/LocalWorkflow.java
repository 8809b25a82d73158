package dev.nestflow.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nestflow.core.interpreter.ExecutionResult;
import dev.nestflow.core.json.Json;
import dev.nestflow.infrastructure.embedded.EmbeddedRuntime;
import dev.nestflow.infrastructure.runtime.ExecutionRuntime;
import dev.nestflow.infrastructure.store.ExecutionRecord;
import dev.nestflow.infrastructure.store.StateMachineRecord;
import dev.nestflow.infrastructure.tasks.LambdaIntegration;
import dev.nestflow.infrastructure.tasks.LocalFunctions;
import dev.nestflow.infrastructure.tasks.TaskIntegrations;
import dev.nestflow.infrastructure.tasks.TaskInvoker;
import dev.nestflow.infrastructure.tasks.TaskOutcome;
import dev.nestflow.infrastructure.tasks.TaskRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A workflow run on the embedded default through the same runtime the Lambda uses (queue, store,
 * nested executions, task tokens), on a virtual clock. State machines it may start are registered
 * by name; callback tasks of states named in {@code answers} are answered with SendTaskSuccess and
 * the given JSON, as a worker would.
 */
public final class LocalWorkflow {
  /** How far the virtual clock may run: a Standard execution's maximum duration. */
  static final Duration HORIZON = Duration.ofDays(366);

  private final EmbeddedRuntime embedded;
  private final Map<String, JsonNode> answers;
  private final Deque<String[]> pendingAnswers = new ArrayDeque<>();
  private final List<StateMachineRecord> registered = new ArrayList<>();
  private final TaskInvoker lambda;
  private final Instant start;

  public LocalWorkflow(Instant start, Map<String, JsonNode> answers) {
    this.start = start;
    this.answers = Map.copyOf(answers);
    this.lambda = TaskIntegrations.builder()
        .add(new LambdaIntegration(new LocalFunctions(LocalRunner.DEFAULT_REGION, LocalRunner.DEFAULT_ACCOUNT)))
        .whenUnhandled(LocalRunner::unhandledHint)
        .build();
    this.embedded = new EmbeddedRuntime(start, this::invoke);
  }

  private TaskOutcome invoke(TaskRequest request) {
    if (request.token() != null && answers.containsKey(request.stateName())) {
      pendingAnswers.add(new String[] {request.token(), Json.write(answers.get(request.stateName()))});
      return new TaskOutcome.Pending(Json.object().put("Answer", "queued by nestflow run --answer"));
    }
    return lambda.invoke(request);
  }

  /** Registers a state machine under {@code name}; returns its ARN. */
  public String register(String name, String definitionText, String type) {
    LocalRunner.create(definitionText, type);
    String arn = LocalRunner.stateMachineArn(name);
    StateMachineRecord machine =
        new StateMachineRecord(arn, name, type, definitionText, LocalRunner.defaultRoleArn(), start.toEpochMilli());
    embedded.store().putStateMachine(machine);
    registered.add(machine);
    return arn;
  }

  /** Starts an execution and runs everything until nothing is left to do; returns the execution ARN. */
  public String run(String stateMachineArn, String name, String inputText) {
    LocalRunner.parseInput(inputText);
    String arn = embedded.runtime().startExecution(stateMachineArn, name, inputText).executionArn();
    embedded.runUntilIdle(start.plus(HORIZON), this::answerPending);
    return arn;
  }

  /** The local worker: answers the tokens of callback states given with --answer. */
  private boolean answerPending() {
    if (pendingAnswers.isEmpty()) {
      return false;
    }
    while (!pendingAnswers.isEmpty()) {
      String[] answer = pendingAnswers.poll();
      embedded.runtime().sendTaskSuccess(answer[0], answer[1]);
    }
    return true;
  }

  public ExecutionResult result(String executionArn) {
    return embedded.runtime().describe(executionArn).orElseThrow();
  }

  public ExecutionRuntime runtime() {
    return embedded.runtime();
  }

  /** The execution and every execution it started, depth first, as indented lines. */
  public List<String> tree(String executionArn) {
    Map<String, List<ExecutionRecord>> children = new LinkedHashMap<>();
    List<ExecutionRecord> all = new ArrayList<>();
    for (StateMachineRecord m : registered) {
      all.addAll(embedded.store().executions(m.stateMachineArn()));
    }
    for (ExecutionRecord r : all) {
      if (r.parentArn() != null) {
        children.computeIfAbsent(r.parentArn(), k -> new ArrayList<>()).add(r);
      }
    }
    children.values().forEach(list -> list.sort(Comparator.comparingLong(ExecutionRecord::startMillis).thenComparing(ExecutionRecord::name)));
    List<String> lines = new ArrayList<>();
    ExecutionRecord root = embedded.store().execution(executionArn).orElseThrow();
    walk(root, children, "", lines);
    return lines;
  }

  private void walk(ExecutionRecord r, Map<String, List<ExecutionRecord>> children, String indent, List<String> lines) {
    String machine = r.stateMachineArn().substring(r.stateMachineArn().lastIndexOf(':') + 1);
    lines.add(indent + machine + "/" + r.name() + "  " + r.status());
    for (ExecutionRecord c : children.getOrDefault(r.executionArn(), List.of())) {
      walk(c, children, indent + "  ", lines);
    }
  }
}
