package dev.nestflow.infrastructure.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.interpreter.Effect;
import dev.nestflow.core.interpreter.Environment;
import dev.nestflow.core.interpreter.Execution;
import dev.nestflow.core.interpreter.ExecutionIdentity;
import dev.nestflow.core.interpreter.ExecutionResult;
import dev.nestflow.core.interpreter.Inspector;
import dev.nestflow.core.interpreter.Signal;
import dev.nestflow.core.json.Json;
import dev.nestflow.core.states.Retrier;
import dev.nestflow.core.states.State;
import dev.nestflow.core.states.StateMachine;
import dev.nestflow.core.states.StateMachineParser;
import dev.nestflow.infrastructure.runtime.ApiException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * TestState: runs one state (given alone, or named in a whole machine) once, on a virtual clock,
 * and tells how it ended: SUCCEEDED, FAILED, RETRIABLE (a Retrier with attempts left matched its
 * error) or CAUGHT_ERROR (a Catcher did), with its output, next state and, at DEBUG and TRACE, the
 * data flow the interpreter reported through its {@link Inspector}. A Task runs only with a {@code
 * mock}: nestflow does not call the real resource here, and says so.
 */
public final class TestState implements Operation {
  static final List<String> LEVELS = List.of("INFO", "DEBUG", "TRACE");
  static final List<String> VALIDATION_MODES = List.of("STRICT", "PRESENT", "NONE");
  /** Payload fields (input, variables, context, mock result) are at most 256 KiB, as AWS's are. */
  static final int MAX_PAYLOAD = 262_144;
  /** Inspection data a Map reports as numbers; every other field is JSON text. */
  static final Set<String> NUMBERS = Set.of(Inspector.MAX_CONCURRENCY, Inspector.TOLERATED_FAILURE_COUNT,
      Inspector.TOLERATED_FAILURE_PERCENTAGE);
  /**
   * The most retries TestState replays to reach {@code retrierRetryCount}: each is a real attempt of
   * the interpreter's, so the Retrier's backoff and the context's RetryCount come out as AWS's.
   */
  static final int MAX_REPLAYED_RETRIES = 10_000;

  private final String region;
  private final String account;
  private final Clock clock;

  public TestState(String region, String account, Clock clock) {
    this.region = region;
    this.account = account;
    this.clock = clock;
  }

  TestState(ApiContext ctx) {
    this(ctx.region(), ctx.account(), ctx.clock());
  }

  /** What the caller asked for, checked. */
  private record Request(StateUnderTest state, String roleArn, String inputText, JsonNode input,
      Map<String, JsonNode> variables, ObjectNode context, boolean inspect, Mock mock, int retrierRetryCount) {}

  /** {@code mock}: the task's result, or its error. */
  private record Mock(JsonNode result, String error, String cause) {}

  @Override
  public ObjectNode invoke(ApiRequest r) {
    Request req = read(r);
    return run(req);
  }

  private Request read(ApiRequest r) {
    String definition = r.required("definition", 1, StateMachines.MAX_DEFINITION);
    String roleArn = r.string("roleArn", 1, 256);
    if (roleArn != null) {
      StateMachines.checkRoleArn(roleArn);
    }
    String inputText = ExecutionInput.check(r.string("input", 0, MAX_PAYLOAD));
    String level = r.oneOf("inspectionLevel", LEVELS);
    r.bool("revealSecrets", false);
    String stateName = r.string("stateName", 1, 80);
    Map<String, JsonNode> variables = new LinkedHashMap<>();
    ObjectNode vars = jsonObject(r.string("variables", 0, MAX_PAYLOAD), "variables");
    if (vars != null) {
      vars.fields().forEachRemaining(e -> variables.put(e.getKey(), e.getValue()));
    }
    ObjectNode context = jsonObject(r.string("context", 0, MAX_PAYLOAD), "context");
    Mock mock = mock(r.object("mock"));
    int retries = stateConfiguration(r.object("stateConfiguration"));
    StateUnderTest state = StateUnderTest.of(definition, stateName);
    String type = state.type();
    if (mock != null && !"Task".equals(type)) {
      throw new ApiException(ApiErrors.VALIDATION, "nestflow's TestState mocks Task states only; a " + type
          + " state is tested without a mock");
    }
    if (mock == null && "Task".equals(type)) {
      throw new ApiException(ApiErrors.VALIDATION, "nestflow's TestState does not call a Task's resource: give a mock"
          + " (a result, or an errorOutput) to test the Task state '" + state.name() + "'");
    }
    if (retries > 0 && (mock == null || mock.error() == null)) {
      throw new ApiException(ApiErrors.VALIDATION, "stateConfiguration.retrierRetryCount applies to a mocked error: give mock.errorOutput");
    }
    return new Request(state, roleArn, inputText, Json.parse(inputText), variables, context,
        level != null && !"INFO".equals(level), mock, retries);
  }

  private static ObjectNode jsonObject(String text, String field) {
    if (text == null) {
      return null;
    }
    JsonNode parsed;
    try {
      parsed = Json.parse(text);
    } catch (Json.JsonSyntaxException e) {
      throw new ApiException("InvalidExecutionInput", "Invalid " + field + ": '" + e.getMessage() + "'");
    }
    if (!parsed.isObject()) {
      throw new ApiException("InvalidExecutionInput", "Invalid " + field + ": it must be a JSON object");
    }
    return (ObjectNode) parsed;
  }

  private static Mock mock(ObjectNode body) {
    if (body == null) {
      return null;
    }
    ApiRequest m = new ApiRequest(body);
    m.oneOf("fieldValidationMode", VALIDATION_MODES);
    String result = m.string("result", 0, MAX_PAYLOAD);
    ObjectNode errorOutput = m.object("errorOutput");
    if ((result == null) == (errorOutput == null)) {
      throw new ApiException(ApiErrors.VALIDATION, "A mock must have exactly one of result and errorOutput");
    }
    if (result != null) {
      try {
        return new Mock(Json.parse(result), null, null);
      } catch (Json.JsonSyntaxException e) {
        throw new ApiException(ApiErrors.VALIDATION, "mock.result is not valid JSON: " + e.getMessage());
      }
    }
    ApiRequest e = new ApiRequest(errorOutput);
    String error = e.string("error", 0, 256);
    String cause = e.string("cause", 0, 32_768);
    return new Mock(null, error == null ? "" : error, cause);
  }

  /** The retrier count; the Map and Parallel settings are refused, since their mocks are. */
  private static int stateConfiguration(ObjectNode body) {
    if (body == null) {
      return 0;
    }
    ApiRequest c = new ApiRequest(body);
    for (String mapOnly : List.of("errorCausedByState", "mapIterationFailureCount", "mapItemReaderData")) {
      if (c.has(mapOnly)) {
        throw new ApiException(ApiErrors.VALIDATION, "stateConfiguration." + mapOnly
            + " applies to a mocked Map or Parallel state, which nestflow's TestState does not run yet");
      }
    }
    Integer count = c.integer("retrierRetryCount", 0, Integer.MAX_VALUE);
    return count == null ? 0 : count;
  }

  // ---------------------------------------------------------------- running the state

  /** What the interpreter reported about the state under test. */
  private static final class Watch implements Inspector {
    final String name;
    final Map<String, JsonNode> stages = new LinkedHashMap<>();
    final Map<Integer, JsonNode> items = new TreeMap<>();
    boolean exited;
    JsonNode output;
    String next;
    Map<String, JsonNode> assigned = Map.of();
    Integer retryIndex;
    long retryDelayMillis;
    Integer catchIndex;
    String error;
    String cause;

    Watch(String name) {
      this.name = name;
    }

    @Override
    public void stage(String state, String stage, JsonNode value) {
      if (state.equals(name)) {
        stages.put(stage, value);
      }
    }

    @Override
    public void item(String state, int index, JsonNode input) {
      if (state.equals(name)) {
        items.put(index, input);
      }
    }

    @Override
    public void exited(String state, JsonNode out, String nextState, Map<String, JsonNode> vars) {
      if (state.equals(name) && !exited) {
        exited = true;
        output = out;
        next = nextState;
        assigned = vars;
      }
    }

    @Override
    public void retrying(String state, int index, long delayMillis) {
      if (state.equals(name)) {
        retryIndex = index;
        retryDelayMillis = delayMillis;
      }
    }

    @Override
    public void caught(String state, int index, String err, String errCause) {
      if (state.equals(name)) {
        catchIndex = index;
        error = err;
        cause = errCause;
      }
    }

    /** A new attempt of the state: what the earlier one reported no longer describes it. */
    void retried() {
      stages.clear();
      items.clear();
      retryIndex = null;
    }
  }

  private ObjectNode run(Request req) {
    StateMachine machine = StateMachineParser.parse(req.state().machine());
    Instant now = clock.instant();
    String id = UUID.randomUUID().toString();
    String roleArn = req.roleArn() != null ? req.roleArn() : "arn:aws:iam::" + account + ":role/TestState";
    ExecutionIdentity identity = new ExecutionIdentity(
        "arn:aws:states:" + region + ":" + account + ":execution:TestStateMachine:" + id, id,
        "arn:aws:states:" + region + ":" + account + ":stateMachine:TestStateMachine", "TestStateMachine", roleArn, now);
    Watch watch = new Watch(req.state().name());
    Execution ex = new Execution(machine, identity, req.input(), req.inputText(), Environment.of(new Random()))
        .inspect(watch)
        .presetting(new HashMap<>(req.variables()), req.context());
    int replays = retriesToReplay(machine.state(req.state().name()), req.retrierRetryCount());
    Deque<Effect> pending = new ArrayDeque<>(ex.start(now));
    int retries = 0;
    while (!pending.isEmpty() && !watch.exited && !ex.isDone()) {
      if (watch.retryIndex != null) {
        if (retries >= replays) {
          break;
        }
        retries++;
        watch.retried();
      }
      Effect effect = pending.poll();
      if (effect instanceof Effect.InvokeTask task) {
        if (!task.stateName().equals(req.state().name()) || req.mock() == null) {
          throw new ApiException(ApiErrors.VALIDATION, "nestflow's TestState does not call a Task's resource: the Task state '"
              + task.stateName() + "' would call " + task.resource());
        }
        Mock m = req.mock();
        Signal answer = m.error() == null
            ? new Signal.TaskSucceeded(task.key(), m.result())
            : new Signal.TaskFailed(task.key(), m.error(), m.cause());
        pending.addAll(ex.deliver(answer, now));
      } else if (effect instanceof Effect.StartMapRun mapRun) {
        // a distributed Map's result is the mock's, as a Task's is; without one its children run here
        Mock m = req.mock();
        Signal answer = m == null
            ? new dev.nestflow.infrastructure.runtime.MapRunItems().inProcess().run(mapRun, now, task -> {
                throw new ApiException(ApiErrors.VALIDATION, "nestflow's TestState does not call a Task's resource: the Task state '"
                    + task.stateName() + "' would call " + task.resource());
              })
            : m.error() == null
                ? new Signal.TaskSucceeded(mapRun.key(), m.result())
                : new Signal.TaskFailed(mapRun.key(), m.error(), m.cause());
        if (answer != null) {
          pending.addAll(ex.deliver(answer, now));
        }
      } else if (effect instanceof Effect.ScheduleTimer timer && !isTimeout(timer.key())) {
        // Wait states and retry delays pass at once: the clock is virtual
        now = timer.dueAt().isAfter(now) ? timer.dueAt() : now;
        pending.addAll(ex.deliver(new Signal.TimerFired(timer.key()), now));
      }
    }
    return answer(req, ex, watch);
  }

  /**
   * Beyond the largest MaxAttempts of the state's Retriers every Retrier is spent, so more retries
   * change nothing: the count is cut to it (and refused past what TestState replays).
   */
  private static int retriesToReplay(State state, int retrierRetryCount) {
    int most = state.common().retry().stream().mapToInt(Retrier::maxAttempts).max().orElse(0);
    int replays = Math.min(retrierRetryCount, most);
    if (replays > MAX_REPLAYED_RETRIES) {
      throw new ApiException(ApiErrors.VALIDATION, "nestflow's TestState replays at most " + MAX_REPLAYED_RETRIES
          + " retries to reach stateConfiguration.retrierRetryCount; " + retrierRetryCount + " were asked for");
    }
    return replays;
  }

  private static boolean isTimeout(String key) {
    return key.contains("#timeout") || key.contains("#heartbeat");
  }

  private static ObjectNode answer(Request req, Execution ex, Watch watch) {
    ObjectNode out = Json.object();
    ObjectNode errorDetails = null;
    if (watch.retryIndex != null) {
      out.put("status", "RETRIABLE");
      putErrorOf(out, req.mock().error(), req.mock().cause());
      errorDetails = Json.object();
      errorDetails.put("retryIndex", watch.retryIndex);
      errorDetails.put("retryBackoffIntervalSeconds", (int) Math.round(watch.retryDelayMillis / 1000.0));
    } else if (watch.exited && watch.catchIndex != null) {
      out.put("status", "CAUGHT_ERROR");
      out.put("output", Json.write(watch.output));
      putErrorOf(out, watch.error, watch.cause);
      putNext(out, watch.next);
      errorDetails = Json.object();
      errorDetails.put("catchIndex", watch.catchIndex);
    } else if (watch.exited) {
      out.put("status", "SUCCEEDED");
      out.put("output", Json.write(watch.output));
      putNext(out, watch.next);
    } else if (ex.isDone()) {
      ExecutionResult result = ex.result();
      if ("SUCCEEDED".equals(result.status())) {
        out.put("status", "SUCCEEDED");
        out.put("output", Json.write(result.output()));
      } else {
        out.put("status", "FAILED");
        putErrorOf(out, result.error(), result.cause());
      }
    } else {
      throw new ApiException(ApiErrors.VALIDATION, "The state '" + req.state().name()
          + "' waits for something TestState cannot give it (a callback or an activity worker)");
    }
    if (req.inspect()) {
      ObjectNode data = out.putObject("inspectionData");
      data.put("input", req.inputText());
      for (Map.Entry<String, JsonNode> stage : watch.stages.entrySet()) {
        if (NUMBERS.contains(stage.getKey())) {
          data.set(stage.getKey(), stage.getValue());
        } else {
          data.put(stage.getKey(), Json.write(stage.getValue()));
        }
      }
      if (req.state().state().has("ItemSelector") || req.state().state().has("Parameters") && "Map".equals(req.state().type())) {
        ArrayNode inputs = Json.array();
        watch.items.values().forEach(inputs::add);
        data.put("afterItemSelector", Json.write(inputs));
      }
      if (!req.variables().isEmpty() || !watch.assigned.isEmpty()) {
        ObjectNode vars = Json.object();
        req.variables().forEach(vars::set);
        if (watch.exited) {
          watch.assigned.forEach(vars::set);
        }
        data.put("variables", Json.write(vars));
      }
      if (errorDetails != null) {
        data.set("errorDetails", errorDetails);
      }
    }
    return out;
  }

  private static void putErrorOf(ObjectNode out, String error, String cause) {
    if (error != null) {
      out.put("error", error);
    }
    if (cause != null) {
      out.put("cause", cause);
    }
  }

  /** A state whose Next stood in as a Succeed state names it; one that ends names none. */
  private static void putNext(ObjectNode out, String next) {
    if (next != null) {
      out.put("nextState", next);
    }
  }

}
