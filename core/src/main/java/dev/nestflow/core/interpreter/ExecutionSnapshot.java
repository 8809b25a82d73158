package dev.nestflow.core.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.history.History;
import dev.nestflow.core.json.Json;
import dev.nestflow.core.states.MapState;
import dev.nestflow.core.states.ParallelState;
import dev.nestflow.core.states.State;
import dev.nestflow.core.states.StateMachine;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * The state of an {@link Execution} between two steps as JSON, and an execution rebuilt from it that
 * goes on exactly as the original would: a runtime restores the latest snapshot and replays only the
 * log entries after it, where it would otherwise replay the whole log (a long loop, a large Map).
 *
 * <p>It holds everything {@link Execution#deliver} reads: the frame tree (state, phase, inputs,
 * variables, retry counters, the latest task, a Map's or Parallel's children still running and the
 * outputs of those that ended), the timers and tasks waited on, the key sequence, every frame's
 * event links and the last event id, the generator's state ({@link SeededRandom}), and the outcome.
 * Not the definition, input or identity, which the log's start entry holds; not the events: the
 * restored execution's history holds only events after the snapshot (the full history is derived
 * by replaying the log). Children that succeeded keep only their outputs: a redrive runs the others again.
 */
public final class ExecutionSnapshot {
  /** The format's version: a snapshot of another version is not restored (the runtime replays instead). */
  public static final int VERSION = 1;

  private ExecutionSnapshot() {}

  /** Whether an execution with this environment can be snapshotted (its generator's state can be read). */
  public static boolean supports(Environment env) {
    return env.random() instanceof SeededRandom;
  }

  /** The execution's state now (between steps). */
  public static ObjectNode encode(Execution ex) {
    if (!(ex.env().random() instanceof SeededRandom random)) {
      throw new IllegalStateException("the execution's generator is not a SeededRandom: its state cannot be saved");
    }
    ObjectNode n = Json.object();
    n.put("v", VERSION);
    n.put("status", ex.status.name());
    node(n, "output", ex.output);
    text(n, "error", ex.error);
    text(n, "cause", ex.cause);
    n.put("lastId", ex.history().lastId());
    flag(n, "historyFull", ex.historyFull);
    text(n, "timeoutKey", ex.executionTimeoutKey);
    n.put("keySeq", ex.root.keySequence[0]);
    number(n, "redriveCount", ex.redriveCount);
    if (ex.redriveTime != null) {
      n.put("redriveTime", ex.redriveTime.toString());
    }
    n.put("random", random.state());
    if (ex.now != null) {
      // the time of the latest step: a later step never goes back before it (clocks of containers differ)
      n.put("now", ex.now.toString());
    }
    n.set("root", frame(ex.root));
    n.set("waiting", keys(ex.waiting));
    n.set("taskTimers", keys(ex.taskTimers));
    return n;
  }

  /**
   * The execution {@code snapshot} was taken of, with the same definition, identity and input, going
   * on with {@code env} (whose generator, a {@link SeededRandom}, is put in the saved state).
   */
  public static Execution restore(JsonNode snapshot, StateMachine definition, ExecutionIdentity identity,
      JsonNode input, String inputText, Environment env) {
    if (snapshot.path("v").asInt() != VERSION) {
      throw new IllegalArgumentException("snapshot version " + snapshot.path("v") + " is not " + VERSION);
    }
    if (!(env.random() instanceof SeededRandom random)) {
      throw new IllegalArgumentException("the environment's generator is not a SeededRandom");
    }
    random.restoreState(snapshot.path("random").asLong());
    History history = History.resumed(snapshot.path("lastId").asLong(), true);
    Execution ex = new Execution(definition, identity, input, inputText, env, history);
    ex.status = ExecutionStatus.valueOf(snapshot.path("status").asText());
    ex.output = value(snapshot, "output");
    ex.error = text(snapshot, "error");
    ex.cause = text(snapshot, "cause");
    ex.historyFull = snapshot.path("historyFull").asBoolean();
    ex.executionTimeoutKey = text(snapshot, "timeoutKey");
    ex.root.keySequence[0] = snapshot.path("keySeq").asLong();
    ex.redriveCount = snapshot.path("redriveCount").asInt();
    ex.redriveTime = snapshot.hasNonNull("redriveTime") ? Instant.parse(snapshot.get("redriveTime").asText()) : null;
    ex.now = snapshot.hasNonNull("now") ? Instant.parse(snapshot.get("now").asText()) : null;
    Map<String, Frame> byId = new HashMap<>();
    fill(ex.root, snapshot.get("root"), byId);
    link(snapshot.get("waiting"), ex.waiting, byId);
    link(snapshot.get("taskTimers"), ex.taskTimers, byId);
    return ex;
  }

  // ---------------------------------------------------------------- encoding

  private static ObjectNode frame(Frame f) {
    ObjectNode n = Json.object();
    n.put("id", f.id);
    number(n, "index", f.index);
    n.put("status", f.status.name());
    n.put("phase", f.phase.name());
    n.put("state", f.stateName);
    node(n, "input", f.stateInput);
    if (f.effectiveInput != null && f.effectiveInput == f.stateInput) {
      n.put("effectiveIsInput", true); // the same value (InputPath "$"): written once
    } else {
      node(n, "effective", f.effectiveInput);
    }
    node(n, "taskInput", f.taskInput);
    number(n, "entered", f.enteredEventId);
    number(n, "enteredPrevious", f.enteredPreviousEventId);
    if (f.enteredTime != null) {
      n.put("enteredTime", f.enteredTime.toString());
    }
    if (f.retryAttempts != null) {
      // absent when empty: a state without Retry never reads its (empty) counters
      if (f.retryAttempts.length > 0) {
        ArrayNode attempts = n.putArray("retryAttempts");
        for (int a : f.retryAttempts) {
          attempts.add(a);
        }
      }
    }
    number(n, "retryCount", f.retryCount);
    number(n, "last", f.lastEventId);
    text(n, "waitKey", f.waitKey);
    text(n, "mapRunArn", f.mapRunArn);
    number(n, "mapRunRedrives", f.mapRunRedrives);
    number(n, "keyCounter", f.keyCounter);
    if (!f.variables.isEmpty()) {
      ObjectNode vars = n.putObject("variables");
      new java.util.TreeMap<>(f.variables).forEach(vars::set);
    }
    if (f.parent == null || f.history != f.parent.history) {
      n.put("historyLastId", f.history.lastId());
    }
    if (f.task != null) {
      n.set("task", task(f.task));
    }
    if (f.children != null) {
      n.set("children", children(f.children));
    }
    node(n, "output", f.output);
    text(n, "error", f.error);
    text(n, "cause", f.cause);
    return n;
  }

  private static ObjectNode task(TaskWait t) {
    ObjectNode n = Json.object();
    text(n, "timeoutKey", t.timeoutKey);
    text(n, "heartbeatKey", t.heartbeatKey);
    if (t.heartbeatSeconds != null) {
      n.put("heartbeatSeconds", t.heartbeatSeconds);
    }
    flag(n, "timedOut", t.timedOut);
    flag(n, "heartbeatMissed", t.heartbeatMissed);
    node(n, "unannouncedActivity", t.unannouncedActivity);
    flag(n, "submitted", t.submitted);
    flag(n, "started", t.started);
    node(n, "result", t.result);
    text(n, "error", t.error);
    text(n, "cause", t.cause);
    return n;
  }

  private static ObjectNode children(Children c) {
    ObjectNode n = Json.object();
    ArrayNode outputs = n.putArray("outputs");
    ArrayNode nullOutputs = n.putArray("nullOutputs");
    for (int i = 0; i < c.outputs.length; i++) {
      JsonNode out = c.outputs[i];
      outputs.add(out == null ? Json.NODES.nullNode() : out);
      if (out != null && out.isNull()) {
        nullOutputs.add(i);
      }
    }
    n.put("next", c.next);
    n.put("running", c.running);
    n.put("finished", c.finished);
    n.put("failed", c.failed);
    n.put("stateFailed", c.stateFailed);
    n.put("error", c.error);
    n.put("cause", c.cause);
    n.put("maxConcurrency", c.maxConcurrency);
    n.put("toleratedFailureCount", c.toleratedFailureCount);
    n.put("toleratedFailurePercentage", c.toleratedFailurePercentage);
    node(n, "items", c.items);
    ArrayNode frames = n.putArray("frames");
    for (Frame child : c.frames) {
      if (child.status == Frame.Status.SUCCEEDED) {
        // only counted (a redrive runs again the others); its output is in outputs
        frames.addObject().put("id", child.id).put("index", child.index).put("status", child.status.name());
      } else {
        frames.add(frame(child));
      }
    }
    return n;
  }

  private static ObjectNode keys(Map<String, Frame> byKey) {
    ObjectNode n = Json.object();
    byKey.forEach((key, f) -> n.put(key, f.id));
    return n;
  }

  /** Sets {@code value} under {@code name} unless it is absent (a JSON null is kept as one). */
  private static void node(ObjectNode n, String name, JsonNode value) {
    if (value != null) {
      n.set(name, value);
    }
  }

  // defaults (null, 0, false) are left out: a Map's snapshot holds thousands of frames

  private static void text(ObjectNode n, String name, String value) {
    if (value != null) {
      n.put(name, value);
    }
  }

  private static void number(ObjectNode n, String name, long value) {
    if (value != 0) {
      n.put(name, value);
    }
  }

  private static void flag(ObjectNode n, String name, boolean value) {
    if (value) {
      n.put(name, true);
    }
  }

  // ---------------------------------------------------------------- decoding

  private static void fill(Frame f, JsonNode n, Map<String, Frame> byId) {
    if (byId.put(f.id, f) != null) {
      throw new IllegalArgumentException("two frames with id " + f.id);
    }
    f.status = Frame.Status.valueOf(n.path("status").asText());
    f.phase = Frame.Phase.valueOf(n.path("phase").asText());
    f.stateName = n.path("state").asText();
    f.stateInput = value(n, "input");
    f.effectiveInput = n.path("effectiveIsInput").asBoolean() ? f.stateInput : value(n, "effective");
    f.taskInput = value(n, "taskInput");
    f.enteredEventId = n.path("entered").asLong();
    f.enteredPreviousEventId = n.path("enteredPrevious").asLong();
    f.enteredTime = n.hasNonNull("enteredTime") ? Instant.parse(n.get("enteredTime").asText()) : null;
    JsonNode attempts = n.get("retryAttempts");
    if (attempts != null) {
      f.retryAttempts = new int[attempts.size()];
      for (int i = 0; i < attempts.size(); i++) {
        f.retryAttempts[i] = attempts.get(i).asInt();
      }
    } else if (f.phase != Frame.Phase.ENTER || f.enteredEventId != 0) {
      f.retryAttempts = new int[0];
    }
    f.retryCount = n.path("retryCount").asInt();
    f.lastEventId = n.path("last").asLong();
    f.waitKey = text(n, "waitKey");
    f.mapRunArn = text(n, "mapRunArn");
    f.mapRunRedrives = n.path("mapRunRedrives").asInt();
    f.keyCounter = n.path("keyCounter").asInt();
    f.variables.clear();
    for (Iterator<Map.Entry<String, JsonNode>> it = n.path("variables").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      f.variables.put(e.getKey(), e.getValue());
    }
    if (n.has("task")) {
      f.task = task(n.get("task"));
    }
    if (n.has("children")) {
      f.children = children(f, n.get("children"), byId);
    }
    f.output = value(n, "output");
    f.error = text(n, "error");
    f.cause = text(n, "cause");
  }

  private static TaskWait task(JsonNode n) {
    TaskWait t = new TaskWait();
    t.timeoutKey = text(n, "timeoutKey");
    t.heartbeatKey = text(n, "heartbeatKey");
    t.heartbeatSeconds = n.hasNonNull("heartbeatSeconds") ? n.get("heartbeatSeconds").asInt() : null;
    t.timedOut = n.path("timedOut").asBoolean();
    t.heartbeatMissed = n.path("heartbeatMissed").asBoolean();
    JsonNode activity = n.get("unannouncedActivity");
    t.unannouncedActivity = activity instanceof ObjectNode o ? o : null;
    t.submitted = n.path("submitted").asBoolean();
    t.started = n.path("started").asBoolean();
    t.result = value(n, "result");
    t.error = text(n, "error");
    t.cause = text(n, "cause");
    return t;
  }

  private static Children children(Frame parent, JsonNode n, Map<String, Frame> byId) {
    JsonNode outputs = n.get("outputs");
    Children c = new Children(outputs.size());
    for (int i = 0; i < outputs.size(); i++) {
      JsonNode out = outputs.get(i);
      c.outputs[i] = out.isNull() ? null : out;
    }
    for (JsonNode i : n.get("nullOutputs")) {
      c.outputs[i.asInt()] = Json.NODES.nullNode();
    }
    c.next = n.path("next").asInt();
    c.running = n.path("running").asInt();
    c.finished = n.path("finished").asInt();
    c.failed = n.path("failed").asInt();
    c.stateFailed = n.path("stateFailed").asBoolean();
    c.error = text(n, "error");
    c.cause = text(n, "cause");
    c.maxConcurrency = n.path("maxConcurrency").asInt();
    c.toleratedFailureCount = n.path("toleratedFailureCount").asInt();
    c.toleratedFailurePercentage = n.path("toleratedFailurePercentage").asDouble();
    c.items = value(n, "items");
    State s = parent.state();
    for (JsonNode child : n.get("frames")) {
      int index = child.path("index").asInt();
      StateMachine program;
      History history = parent.history;
      if (s instanceof ParallelState p) {
        program = p.branches().get(index);
      } else {
        MapState m = (MapState) s;
        program = m.processor();
        if (m.mode() == MapState.ProcessorMode.DISTRIBUTED) {
          history = History.resumed(child.path("historyLastId").asLong(), false);
        }
      }
      Frame f = new Frame(child.path("id").asText(), program, parent, index, history, new HashMap<>());
      if (Frame.Status.SUCCEEDED.name().equals(child.path("status").asText()) && !child.has("phase")) {
        f.status = Frame.Status.SUCCEEDED;
        f.output = c.outputs[index];
      } else {
        fill(f, child, byId);
      }
      c.frames.add(f);
    }
    return c;
  }

  private static void link(JsonNode keys, Map<String, Frame> into, Map<String, Frame> byId) {
    for (Iterator<Map.Entry<String, JsonNode>> it = keys.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      Frame f = byId.get(e.getValue().asText());
      if (f == null) {
        throw new IllegalArgumentException("key " + e.getKey() + " names no frame of the snapshot: " + e.getValue());
      }
      into.put(e.getKey(), f);
    }
  }

  private static JsonNode value(JsonNode n, String name) {
    return n.get(name);
  }

  private static String text(JsonNode n, String name) {
    JsonNode v = n.get(name);
    return v == null || v.isNull() ? null : v.asText();
  }
}
