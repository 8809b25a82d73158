package dev.nestflow.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nestflow.core.json.Json;
import dev.nestflow.core.validation.DefinitionValidator;
import dev.nestflow.core.validation.Diagnostic;
import dev.nestflow.core.validation.InvalidDefinitionMessage;
import dev.nestflow.infrastructure.embedded.EmbeddedRuntime;
import dev.nestflow.infrastructure.mocks.MockConfig;
import dev.nestflow.infrastructure.mocks.MockedTasks;
import dev.nestflow.infrastructure.queue.QueueMessage;
import dev.nestflow.infrastructure.runtime.ExecutionCommands;
import dev.nestflow.infrastructure.runtime.StateAdvance;
import dev.nestflow.infrastructure.store.StateMachineRecord;
import dev.nestflow.infrastructure.tasks.LambdaIntegration;
import dev.nestflow.infrastructure.tasks.TaskIntegration;
import dev.nestflow.infrastructure.tasks.TaskIntegrations;
import dev.nestflow.infrastructure.tasks.TaskInvoker;
import dev.nestflow.infrastructure.tasks.LocalFunctions;
import dev.nestflow.infrastructure.tasks.TaskOutcome;
import dev.nestflow.infrastructure.tasks.TaskRequest;
import dev.nestflow.testing.templates.SamTemplate;
import dev.nestflow.testing.templates.TemplateStateMachine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Step Functions in your test: registers state machines (definition files, JSON text, or every one
 * of a SAM/CloudFormation template under its logical id), stubs their tasks, and runs executions
 * in-process through the same runtime nestflow runs on AWS (nested executions, task tokens,
 * retries, timeouts), on a virtual clock: a Wait of days or a retry back-off ends at once, and the
 * history shows the times it would have had.
 *
 * <p>A task is answered by, in this order: the mock configuration's test case
 * ({@link #mockConfig}, Step Functions Local's file), a stub for its state ({@link #task}), the test
 * itself when it is a callback ({@code .waitForTaskToken}: {@link Execution#callback}), a stubbed
 * Lambda function ({@link #function}), and otherwise fails with a message naming the state.
 *
 * <pre>{@code
 * LocalStepFunctions sfn = LocalStepFunctions.create()
 *     .template(Path.of("template.yaml"))
 *     .function("charge", payload -> Map.of("chargeId", "ch-1"));
 * Execution order = sfn.run("OrderWorkflow", "{\"orderId\": \"A-1\"}");
 * assertThat(order).succeeded().passedThrough("Charge", "Ship", "Done");
 * }</pre>
 */
public final class LocalStepFunctions {
  public static final String REGION = "us-east-1";
  public static final String ACCOUNT = "123456789012";
  /** Where the virtual clock starts unless told otherwise. */
  public static final Instant DEFAULT_START = Instant.parse("2025-01-01T00:00:00Z");
  /** How far one run may move the clock: a Standard execution's maximum duration. */
  static final Duration HORIZON = Duration.ofDays(366);

  private final Instant start;
  private final EmbeddedRuntime embedded;
  private final LocalFunctions functions;
  private final TaskInvoker lambda;
  private final Map<String, Function<JsonNode, Object>> taskStubs = new LinkedHashMap<>();
  private final List<Callback> callbacks = new ArrayList<>();
  private final List<String> machines = new ArrayList<>();
  private MockedTasks mocks;
  private String testCase;

  private LocalStepFunctions(Instant start) {
    this.start = start;
    this.functions = new LocalFunctions(REGION, ACCOUNT);
    this.lambda = TaskIntegrations.builder().add(new LambdaIntegration(functions)).add(new TaskIntegration() {
      @Override
      public boolean handles(String resource) {
        return true;
      }

      @Override
      public TaskOutcome invoke(TaskRequest request) {
        return unstubbed(request);
      }
    }).build();
    this.embedded = new EmbeddedRuntime(start, this::invoke);
  }

  public static LocalStepFunctions create() {
    return new LocalStepFunctions(DEFAULT_START);
  }

  /** A clock starting at {@code start} (the executions' start dates and every history timestamp follow it). */
  public static LocalStepFunctions startingAt(Instant start) {
    return new LocalStepFunctions(start);
  }

  // ------------------------------------------------------------------ state machines

  /** Registers the definition in {@code file} as Standard state machine {@code name}. */
  public LocalStepFunctions stateMachine(String name, Path file) {
    return stateMachine(name, read(file), "STANDARD");
  }

  /**
   * Registers {@code definitionJson} as state machine {@code name} of {@code type} (STANDARD or
   * EXPRESS) at {@code arn:aws:states:us-east-1:123456789012:stateMachine:<name>}, after the checks
   * CreateStateMachine makes (an invalid definition throws with AWS's message).
   */
  public LocalStepFunctions stateMachine(String name, String definitionJson, String type) {
    List<Diagnostic> diagnostics = DefinitionValidator.validate(definitionJson, type);
    if (diagnostics.stream().anyMatch(d -> DefinitionValidator.ERROR.equals(d.severity()))) {
      throw new IllegalArgumentException("state machine " + name + ": " + InvalidDefinitionMessage.format(diagnostics));
    }
    String arn = arn(name);
    embedded.store().putStateMachine(new StateMachineRecord(arn, name, type, definitionJson,
        "arn:aws:iam::" + ACCOUNT + ":role/nestflow-testing", start.toEpochMilli()));
    machines.remove(arn);
    machines.add(arn);
    return this;
  }

  /** Registers every state machine of a SAM or CloudFormation template under its logical id. */
  public LocalStepFunctions template(Path template) {
    return template(template, Map.of());
  }

  /** As {@link #template(Path)}, with values for the template's Parameters. */
  public LocalStepFunctions template(Path template, Map<String, String> parameters) {
    for (TemplateStateMachine m : SamTemplate.read(template, REGION, ACCOUNT, parameters).stateMachines()) {
      stateMachine(m.logicalId(), m.definition(), m.type());
    }
    return this;
  }

  public static String arn(String name) {
    return "arn:aws:states:" + REGION + ":" + ACCOUNT + ":stateMachine:" + name;
  }

  // ------------------------------------------------------------------ stubs

  /**
   * Answers every invocation of Task state {@code stateName} (in any registered machine) with what
   * {@code answer} returns for the task's input (its Parameters or Arguments, evaluated): a
   * JsonNode, or any value Jackson can write. Throw {@link TaskFailure} to fail the task.
   */
  public LocalStepFunctions task(String stateName, Function<JsonNode, Object> answer) {
    taskStubs.put(stateName, answer);
    return this;
  }

  /**
   * The Lambda function {@code functionName} (as Task states name it: name, ARN or partial ARN) is
   * {@code handler}: it gets the event (the Payload) and returns the function's result; the Task
   * sees what the Lambda integration would return ({@code lambda:invoke}'s StatusCode, Payload,
   * ...). Throw {@link TaskFailure} for a function error of that type.
   */
  public LocalStepFunctions function(String functionName, Function<JsonNode, Object> handler) {
    functions.register(functionName, (event, context) -> {
      Object result;
      try {
        result = handler.apply(Json.parse(new String(event, StandardCharsets.UTF_8)));
      } catch (TaskFailure f) {
        com.fasterxml.jackson.databind.node.ObjectNode doc = Json.object();
        doc.put("errorMessage", f.cause());
        doc.put("errorType", f.error());
        doc.put("requestId", context.requestId());
        doc.set("stackTrace", Json.array());
        throw new LocalFunctions.FunctionError(Json.write(doc).getBytes(StandardCharsets.UTF_8));
      }
      return Json.write(json(result)).getBytes(StandardCharsets.UTF_8);
    });
    return this;
  }

  /**
   * Executions started by {@link #run} from now on use test case {@code testCase} of a Step
   * Functions Local mock configuration file (for the started machine's name).
   */
  public LocalStepFunctions mockConfig(Path file, String testCase) {
    this.mocks = new MockedTasks(MockConfig.read(file));
    this.testCase = testCase;
    return this;
  }

  // ------------------------------------------------------------------ running

  /** Starts {@code stateMachine} with {@code input} (JSON text, a JsonNode or any value Jackson can write) and runs it. */
  public Execution run(String stateMachine, Object input) {
    return run(stateMachine, UUID.randomUUID().toString(), input);
  }

  /**
   * Starts an execution named {@code executionName} and runs it, and everything it starts, until it
   * ends or waits for the test (a callback nobody stubbed). The returned view always shows the
   * current state.
   */
  public Execution run(String stateMachine, String executionName, Object input) {
    String arn = arn(stateMachine);
    StateMachineRecord machine = embedded.store().stateMachine(arn)
        .orElseThrow(() -> new IllegalArgumentException("no state machine " + stateMachine + " is registered (registered: "
            + String.join(", ", machines.stream().map(a -> a.substring(a.lastIndexOf(':') + 1)).toList()) + ")"));
    String inputText = input instanceof String s ? s : Json.write(json(input));
    if (mocks != null) {
      mocks.assign(stateMachine, executionName, testCase, machine.definition());
    }
    String executionArn = embedded.runtime().commands().startExecution(arn, executionName, inputText).executionArn();
    return drive(executionArn);
  }

  /** Converts a stub's or test's value to JSON: a JsonNode as it is, JSON text is not parsed (a String is a JSON string). */
  public static JsonNode json(Object value) {
    return value instanceof JsonNode node ? node : Json.MAPPER.valueToTree(value);
  }

  /** JSON text to a JsonNode, for stubs that prefer to write JSON. */
  public static JsonNode parse(String json) {
    return Json.parse(json);
  }

  /** The virtual time now. */
  public Instant now() {
    return embedded.clock().instant();
  }

  ExecutionCommands runtime() {
    return embedded.runtime().commands();
  }

  EmbeddedRuntime embedded() {
    return embedded;
  }

  List<String> machines() {
    return machines;
  }

  /**
   * Applies transitions until none is left, or until {@code executionArn} (or an execution it
   * started) has a callback waiting for the test: virtual time then stops, so the callback's
   * timeout does not fire before the test answers. Other executions' waiting callbacks do not stop
   * it: their time passes as this run's does. Once it and all it started have ended, the clock
   * stays where they ended (other executions' later timers wait for their own run).
   */
  Execution drive(String executionArn) {
    Instant until = embedded.clock().instant().plus(HORIZON);
    boolean waitForCallbacks = true;
    while (true) {
      List<QueueMessage> batch = embedded.transitions().receive(10, EmbeddedRuntime.VISIBILITY);
      if (batch.isEmpty()) {
        if (waitForCallbacks && callbacks.stream().anyMatch(c -> running(c.executionArn()) && within(c.executionArn(), executionArn))) {
          break;
        }
        if (!treeRunning(executionArn)) {
          break; // it and everything it started ended: the clock stays where they ended
        }
        Optional<Instant> next = embedded.transitions().nextVisibleAt();
        if (next.isEmpty() || next.get().isAfter(until)) {
          break;
        }
        embedded.clock().advanceTo(next.get());
        continue;
      }
      for (QueueMessage m : batch) {
        try {
          if (embedded.runtime().stateAdvance().handle(m.body(), m.receiptHandle(), m.receiveCount())) {
            embedded.transitions().delete(m.receiptHandle());
          }
        } catch (StateAdvance.ConcurrentStep e) {
          // delivered again after its visibility timeout
        }
      }
    }
    return new Execution(this, executionArn);
  }

  /** Lets time pass without answering the waiting callbacks (so their TimeoutSeconds or HeartbeatSeconds fire). */
  Execution driveIgnoringCallbacks(String executionArn) {
    List<Callback> waiting = new ArrayList<>(callbacks);
    callbacks.clear();
    try {
      return drive(executionArn);
    } finally {
      waiting.stream().filter(c -> running(c.executionArn())).forEach(callbacks::add);
    }
  }

  /** Whether {@code root} or an execution it started (at any depth) is still running. */
  private boolean treeRunning(String root) {
    if (running(root)) {
      return true;
    }
    for (String machine : machines) {
      for (var r : embedded.store().executions(machine)) {
        if (r.running() && r.parentArn() != null && within(r.executionArn(), root)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Whether {@code executionArn} is {@code root} or one of the executions it started, at any depth. */
  private boolean within(String executionArn, String root) {
    String arn = executionArn;
    for (int depth = 0; arn != null && depth < 100; depth++) {
      if (arn.equals(root)) {
        return true;
      }
      arn = embedded.store().execution(arn).map(r -> r.parentArn()).orElse(null);
    }
    return false;
  }

  private boolean running(String executionArn) {
    return embedded.store().execution(executionArn).map(r -> r.running()).orElse(false);
  }

  List<Callback> callbacks(String executionArn) {
    return callbacks.stream().filter(c -> c.executionArn().equals(executionArn)).toList();
  }

  void answered(Callback callback) {
    callbacks.remove(callback);
  }

  private TaskOutcome invoke(TaskRequest request) {
    if (mocks != null) {
      Optional<TaskOutcome> mocked = mocks.answer(request);
      if (mocked.isPresent()) {
        return mocked.get();
      }
    }
    Function<JsonNode, Object> stub = taskStubs.get(request.stateName());
    if (stub != null) {
      try {
        return new TaskOutcome.Succeeded(json(stub.apply(request.input())));
      } catch (TaskFailure f) {
        return new TaskOutcome.Failed(f.error(), f.cause());
      }
    }
    if (request.token() != null && request.resource().endsWith(".waitForTaskToken")) {
      callbacks.add(new Callback(this, request.executionArn(), request.stateName(), request.token(), request.input()));
      if (LambdaIntegration.serves(request.resource())) {
        return lambda.invoke(request);
      }
      return new TaskOutcome.Pending();
    }
    return lambda.invoke(request);
  }

  private static TaskOutcome unstubbed(TaskRequest request) {
    return new TaskOutcome.Failed("States.TaskFailed", "nestflow-testing: nothing answers Task state '" + request.stateName()
        + "' (resource " + request.resource() + "): stub it with task(\"" + request.stateName()
        + "\", input -> ...), or the Lambda function it calls with function(name, event -> ...)");
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
