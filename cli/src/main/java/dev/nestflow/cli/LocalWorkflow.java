package dev.nestflow.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nestflow.core.interpreter.ExecutionResult;
import dev.nestflow.core.json.Json;
import dev.nestflow.infrastructure.embedded.EmbeddedRuntime;
import dev.nestflow.infrastructure.runtime.ExecutionRuntime;
import dev.nestflow.infrastructure.store.ExecutionRecord;
import dev.nestflow.infrastructure.store.StateMachineRecord;
import dev.nestflow.cli.tasks.LocalTasks;
import dev.nestflow.infrastructure.runtime.ApiException;
import dev.nestflow.infrastructure.store.TokenRecord;
import dev.nestflow.infrastructure.tasks.TaskInvoker;
import dev.nestflow.infrastructure.tasks.TaskOutcome;
import dev.nestflow.infrastructure.tasks.TaskRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * A workflow run on the embedded default through the same runtime the Lambda uses (queue, store,
 * nested executions, task tokens), on a virtual clock. State machines it may start are registered
 * by name; callback tasks of states named in {@code answers} (nested {@code
 * startExecution.waitForTaskToken} ones included) are answered with SendTaskSuccess and the given
 * JSON, as a worker would. Tasks run as {@link LocalTasks} composes them.
 */
public final class LocalWorkflow {
  /** How far the virtual clock may run: a Standard execution's maximum duration. */
  static final Duration HORIZON = Duration.ofDays(366);

  private final EmbeddedRuntime embedded;
  private final Map<String, JsonNode> answers;
  private final Deque<String[]> pendingAnswers = new ArrayDeque<>();
  private final List<StateMachineRecord> registered = new ArrayList<>();
  private final TaskInvoker tasks;
  private final Instant start;
  private final List<AutoCloseable> resources = new ArrayList<>();
  private final Set<String> answeredChildren = new HashSet<>();

  public LocalWorkflow(Instant start, Map<String, JsonNode> answers) {
    this(start, answers, LocalTasks.defaults(), UnaryOperator.identity());
  }

  /** {@code first} places integrations before the local ones (a mock configuration's, for instance). */
  public LocalWorkflow(Instant start, Map<String, JsonNode> answers, UnaryOperator<TaskInvoker> first) {
    this(start, answers, LocalTasks.defaults(), first);
  }

  /**
   * A workflow whose tasks run as {@code localTasks} composes them (functions, services), after
   * what {@code first} places before them.
   */
  public LocalWorkflow(Instant start, Map<String, JsonNode> answers, LocalTasks localTasks,
      UnaryOperator<TaskInvoker> first) {
    this.start = start;
    this.answers = Map.copyOf(answers);
    TaskInvoker[] local = new TaskInvoker[1];
    // the local integrations read the embedded runtime's own virtual clock and call back into it
    this.embedded = EmbeddedRuntime.wired(start, (clock, runtime) -> {
      local[0] = localTasks.build(LocalRunner.DEFAULT_REGION, LocalRunner.DEFAULT_ACCOUNT, clock,
          () -> UUID.randomUUID().toString(), runtime, resources);
      return first.apply(this::invoke);
    });
    this.tasks = local[0];
    embedded.runtime().useObjectStore(localTasks.objectStore(LocalRunner.DEFAULT_REGION));
  }

  private TaskOutcome invoke(TaskRequest request) {
    if (request.token() != null && answers.containsKey(request.stateName())) {
      pendingAnswers.add(new String[] {request.token(), Json.write(answers.get(request.stateName()))});
      return new TaskOutcome.Pending(Json.object().put("Answer", "queued by nestflow run --answer"));
    }
    return tasks.invoke(request);
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
    String arn = embedded.runtime().commands().startExecution(stateMachineArn, name, inputText).executionArn();
    embedded.runUntilIdle(start.plus(HORIZON), this::answerPending);
    return arn;
  }

  /** The local worker: answers the tokens of callback states given with --answer. */
  private boolean answerPending() {
    boolean acted = answerNested();
    if (pendingAnswers.isEmpty()) {
      return acted;
    }
    while (!pendingAnswers.isEmpty()) {
      String[] answer = pendingAnswers.poll();
      embedded.runtime().commands().sendTaskSuccess(answer[0], answer[1]);
    }
    return true;
  }

  /**
   * Nested callbacks ({@code states:startExecution.waitForTaskToken}), which the runtime starts
   * itself: a child execution whose input carries its parent's task token (found by looking each
   * string of the input up as a token of the parent) is answered with the output given for the
   * parent's state that started it.
   */
  private boolean answerNested() {
    if (answers.isEmpty()) {
      return false;
    }
    boolean acted = false;
    for (StateMachineRecord m : registered) {
      for (ExecutionRecord child : embedded.store().executions(m.stateMachineArn())) {
        if (child.parentArn() == null || answeredChildren.contains(child.executionArn())) {
          continue;
        }
        for (String candidate : strings(Json.parse(child.inputText()))) {
          Optional<TokenRecord> token = embedded.store().token(candidate);
          if (token.isEmpty() || !token.get().executionArn().equals(child.parentArn())) {
            continue;
          }
          String state = stateWithToken(child.parentArn(), candidate);
          answeredChildren.add(child.executionArn());
          if (state != null && answers.containsKey(state)) {
            try {
              embedded.runtime().commands().sendTaskSuccess(candidate, Json.write(answers.get(state)));
              acted = true;
            } catch (ApiException alreadyOver) {
              // the task ended meanwhile (timeout, the parent stopped): nothing to answer
            }
          }
        }
      }
    }
    return acted;
  }

  /** The state whose TaskScheduled parameters carry {@code token} (its StateEntered event precedes it). */
  private String stateWithToken(String executionArn, String token) {
    List<com.fasterxml.jackson.databind.node.ObjectNode> events = embedded.runtime().commands().describe(executionArn)
        .map(ExecutionResult::history).orElse(List.of());
    Map<Long, JsonNode> byId = new HashMap<>();
    events.forEach(e -> byId.put(e.path("id").asLong(), e));
    for (JsonNode e : events) {
      if ("TaskScheduled".equals(e.path("type").asText())
          && e.path("taskScheduledEventDetails").path("parameters").asText().contains(token)) {
        JsonNode entered = byId.get(e.path("previousEventId").asLong());
        return entered == null ? null : entered.path("stateEnteredEventDetails").path("name").asText(null);
      }
    }
    return null;
  }

  private static List<String> strings(JsonNode node) {
    List<String> out = new ArrayList<>();
    if (node.isTextual()) {
      out.add(node.asText());
    }
    node.forEach(child -> out.addAll(strings(child)));
    return out;
  }

  public ExecutionResult result(String executionArn) {
    return embedded.runtime().commands().describe(executionArn).orElseThrow();
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
