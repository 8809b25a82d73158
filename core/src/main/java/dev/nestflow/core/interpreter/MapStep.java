package dev.nestflow.core.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.errors.ErrorNames;
import dev.nestflow.core.errors.StatesException;
import dev.nestflow.core.history.HistoryEvent;
import dev.nestflow.core.json.Json;
import dev.nestflow.core.paths.PathNotFoundException;
import dev.nestflow.core.states.MapState;
import dev.nestflow.core.states.Field;
import dev.nestflow.core.states.TaskState;
import dev.nestflow.core.jsonata.JsonataTemplates;
import java.util.HashMap;

/**
 * Map: runs the item processor once per item of ItemsPath, at most MaxConcurrency at a time,
 * tolerating failures up to ToleratedFailureCount/Percentage. An INLINE processor writes its
 * iterations into this execution's history; a DISTRIBUTED one hands its items to a map run (an
 * effect the runtime performs), whose children are executions with histories of their own.
 */
final class MapStep extends FanOut {
  MapStep(Execution ex) {
    super(ex);
  }

  void run(Frame f, MapState s) {
    if (f.phase == Frame.Phase.CHILDREN_DONE) {
      finish(f, s);
      return;
    }
    if (f.phase == Frame.Phase.TASK_DONE) {
      mapRunEnded(f, s);
      return;
    }
    Evaluation ev = new Evaluation(ex, f, s);
    InputOutput.of(s).selectInput(ev);
    if (s.mode() == MapState.ProcessorMode.DISTRIBUTED) {
      startMapRun(f, s, ev);
      return;
    }
    Children children = new Children(items(ev, s.items()));
    children.maxConcurrency = limit(ev, s.maxConcurrency(), Limit.INTEGER).asInt();
    ObjectNode started = Json.object();
    started.put("length", children.items.size());
    ex.emit(f, "MapStateStarted", "mapStateStartedEventDetails", started);
    children.toleratedFailureCount = checkCount(limit(ev, s.toleratedFailureCount(), Limit.INTEGER).asInt());
    children.toleratedFailurePercentage = checkPercentage(limit(ev, s.toleratedFailurePercentage(), Limit.NUMBER).asDouble());
    inspect(s, children.items, children.maxConcurrency, children.toleratedFailureCount, children.toleratedFailurePercentage);
    startChildren(f, children);
  }

  /**
   * A distributed Map hands its items to a map run, which runs each item (or batch) as a child
   * execution, and waits for the map run's end: the runtime starts it from the {@link
   * Effect.StartMapRun} effect and answers the state's key with the result or the error.
   */
  private void startMapRun(Frame f, MapState s, Evaluation ev) {
    JsonNode items = s.itemReader() == null ? items(ev, s.items()) : null;
    int maxConcurrency = limit(ev, s.maxConcurrency(), Limit.INTEGER).asInt();
    ObjectNode started = Json.object();
    started.put("length", items == null ? 0 : items.size());
    ex.emit(f, "MapStateStarted", "mapStateStartedEventDetails", started);
    int count = checkCount(limit(ev, s.toleratedFailureCount(), Limit.INTEGER).asInt());
    double percentage = checkPercentage(limit(ev, s.toleratedFailurePercentage(), Limit.NUMBER).asDouble());
    MapRunConfig config = MapRunConfig.resolve(ev, s);
    String arn = mapRunArn(s);
    f.mapRunArn = arn;
    f.mapRunRedrives = 0;
    ex.emit(f, "MapRunStarted", "mapRunStartedEventDetails", Json.object().put("mapRunArn", arn));
    if (items != null) {
      inspect(s, items, maxConcurrency, count, percentage);
    }
    MapRunRequest request = new MapRunRequest(arn, s.name(), childStateMachineArn(arn), config.executionType(),
        s.processor(), config.processorDefinition(), items, config.itemReader(), config.itemBatcher(),
        config.resultWriter(), maxConcurrency, count, percentage,
        s.toleratedFailureCount() != null || s.toleratedFailurePercentage() != null, config.selection());
    f.task = new TaskWait();
    f.phase = Frame.Phase.TASK_DONE;
    ex.blockOnMapRun(f, new Effect.StartMapRun(f.newKey("mapRun"), request));
  }

  /** The map run ended: MapRunSucceeded and the state's result, or MapRunFailed and the state's failure. */
  private void mapRunEnded(Frame f, MapState s) {
    TaskWait run = f.task;
    if (run.error != null) {
      ex.emit(f, "MapRunFailed", "mapRunFailedEventDetails", HistoryEvent.errorAndCause(Json.object(), run.error, run.cause));
      if (!ex.willRetry(f, s, run.error)) {
        ex.emit(f, "MapStateFailed", null, null);
      }
      ex.failState(f, s, run.error, run.cause);
      return;
    }
    ex.emit(f, "MapRunSucceeded", null, null);
    ex.emitWithoutAdvancing(f, "MapStateSucceeded", null, null);
    InputOutput.of(s).exitWithResult(new Evaluation(ex, f, s), run.result);
  }

  private void finish(Frame f, MapState s) {
    if (f.children.stateFailed) {
      String error = f.children.error;
      String cause = f.children.cause;
      if (s.toleratedFailureCount() != null || s.toleratedFailurePercentage() != null) {
        error = ErrorNames.EXCEED_TOLERATED_FAILURE_THRESHOLD;
        cause = EXCEEDED_CAUSE;
      }
      if (!ex.willRetry(f, s, error)) {
        ex.emit(f, "MapStateFailed", null, null);
      }
      ex.failState(f, s, error, cause);
      return;
    }
    f.lastEventId = f.history.lastId();
    ex.emitWithoutAdvancing(f, "MapStateSucceeded", null, null);
    InputOutput.of(s).exitWithResult(new Evaluation(ex, f, s), childOutputs(f));
  }

  /** The cause AWS gives States.ExceedToleratedFailureThreshold. */
  public static final String EXCEEDED_CAUSE = "The specified tolerated failure threshold was exceeded";

  /** Tells the inspector the items (JSONPath's ItemsPath) and the limits the state declares. */
  private void inspect(MapState s, JsonNode items, int maxConcurrency, int count, double percentage) {
    Inspector inspector = ex.inspector();
    if (!(s.items() instanceof Field.Jsonata)) {
      inspector.stage(s.name(), Inspector.AFTER_ITEMS_PATH, items);
    }
    if (s.maxConcurrency() != null) {
      inspector.stage(s.name(), Inspector.MAX_CONCURRENCY, Json.NODES.numberNode(maxConcurrency));
    }
    if (s.toleratedFailureCount() != null) {
      inspector.stage(s.name(), Inspector.TOLERATED_FAILURE_COUNT, Json.NODES.numberNode(count));
    }
    if (s.toleratedFailurePercentage() != null) {
      inspector.stage(s.name(), Inspector.TOLERATED_FAILURE_PERCENTAGE, Json.NODES.numberNode(percentage));
    }
  }

  /**
   * The items: JSONata's Items (an array or an expression giving one; absent, the input) or the
   * array at JSONPath's ItemsPath ({@code $} when absent).
   */
  private static JsonNode items(Evaluation ev, Field field) {
    if (field == null) {
      JsonNode input = ev.f.stateInput;
      if (!input.isArray()) {
        throw new QueryEvaluationFailed(null, "Map state input must be an array but was: " + Json.write(input));
      }
      return input;
    }
    if (field instanceof Field.Jsonata j) {
      JsonNode items = ev.value(j);
      if (!items.isArray()) {
        throw QueryEvaluationFailed.of(JsonataTemplates.unexpectedType(j.expression(), "Items", "array", items));
      }
      return items;
    }
    String path = ((Field.Path) field).path();
    JsonNode items;
    try {
      items = ev.value(field);
    } catch (PathNotFoundException e) {
      throw new StatesException(ErrorNames.RUNTIME, "Invalid path '" + path + "' : " + e.cause());
    }
    if (!items.isArray()) {
      throw new StatesException(
          ErrorNames.RUNTIME,
          "Map state input must be an array, but was: " + Json.write(items) + " (ItemsPath '" + path + "')");
    }
    return items;
  }

  /** The two kinds of Map limit, as AWS names them in its errors for paths and for JSONata. */
  private enum Limit {
    INTEGER("integer", "integer"),
    NUMBER("float", "number");

    final String pathKind;
    final String jsonataKind;

    Limit(String pathKind, String jsonataKind) {
      this.pathKind = pathKind;
      this.jsonataKind = jsonataKind;
    }

    boolean accepts(JsonNode v, boolean jsonata) {
      if (this == NUMBER) {
        return v.isNumber();
      }
      return v.isIntegralNumber() && (!jsonata || v.canConvertToInt());
    }
  }

  /**
   * MaxConcurrency, ToleratedFailureCount or ToleratedFailurePercentage (0 when absent): the
   * literal, the number at the path (a numeric string counts), or the expression's value.
   */
  private static JsonNode limit(Evaluation ev, Field field, Limit kind) {
    if (field == null) {
      return Json.NODES.numberNode(0);
    }
    if (field instanceof Field.Literal literal) {
      return literal.value();
    }
    if (field instanceof Field.Jsonata j) {
      JsonNode v = ev.value(j);
      if (!kind.accepts(v, true)) {
        throw QueryEvaluationFailed.of(JsonataTemplates.unexpectedType(j.expression(), j.name(), kind.jsonataKind, v));
      }
      return v;
    }
    JsonNode v = numberFromText(ev.value(field));
    if (!kind.accepts(v, false)) {
      throw notA(v, (Field.Path) field, kind.pathKind);
    }
    return v;
  }

  private static int checkCount(int count) {
    if (count < 0) {
      throw new StatesException(ErrorNames.RUNTIME, "ToleratedFailureCount cannot be negative.");
    }
    return count;
  }

  private static double checkPercentage(double pct) {
    if (pct < 0 || pct > 100) {
      throw new StatesException(ErrorNames.RUNTIME, "ToleratedFailurePercentage must be between 0 and 100.");
    }
    return pct;
  }

  /** AWS reads these paths' values as numbers even when they are numeric strings ("1"). */
  private static JsonNode numberFromText(JsonNode v) {
    if (v.isTextual()) {
      try {
        JsonNode parsed = Json.MAPPER.readTree(v.textValue().trim());
        if (parsed != null && parsed.isNumber()) {
          return parsed;
        }
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        return v;
      }
    }
    return v;
  }

  private static StatesException notA(JsonNode v, Field.Path field, String kind) {
    return new StatesException(
        ErrorNames.RUNTIME,
        "The " + field.name() + " field refers to value \"" + Json.text(v) + "\" which is not a valid " + kind + ": "
            + field.path());
  }

  /**
   * {@code arn:aws:states:REGION:ACCOUNT:mapRun:MACHINE/LABEL:UUID}: the state's Label, or a
   * generated one when it has none.
   */
  private String mapRunArn(MapState s) {
    ExecutionIdentity id = ex.identity();
    String label = s.label() != null ? s.label() : uuid();
    String prefix = id.stateMachineArn().replace(":stateMachine:", ":mapRun:");
    return prefix + "/" + label + ":" + uuid();
  }

  /** The children's state machine as AWS names it: {@code ...:stateMachine:MACHINE/LABEL}. */
  static String childStateMachineArn(String mapRunArn) {
    String withoutRun = mapRunArn.substring(0, mapRunArn.lastIndexOf(':'));
    return withoutRun.replace(":mapRun:", ":stateMachine:");
  }

  private String uuid() {
    return Uuids.random(ex.env().random());
  }

  @Override
  protected int total(Frame parent) {
    return parent.children.outputs.length;
  }

  @Override
  protected Frame startChild(Frame p, int index) {
    MapState s = (MapState) p.state();
    Frame child = new Frame(p.id + "/i" + index, s.processor(), p, index, p.history, new HashMap<>(p.variables));
    JsonNode item = p.children.items.get(index);
    JsonNode input = InputOutput.of(s).itemInput(new Evaluation(ex, p, s), s, index, item);
    child.stateInput = input;
    ex.inspector().item(s.name(), index, input);
    child.lastEventId = p.lastEventId;
    ObjectNode details = Json.object();
    details.put("index", index);
    details.put("name", s.name());
    ex.emit(child, "MapIterationStarted", "mapIterationStartedEventDetails", details);
    return child;
  }

  @Override
  protected void recordChildEnd(Frame p, Frame child) {
    MapState s = (MapState) p.state();
    String type = switch (child.status) {
      case SUCCEEDED -> "MapIterationSucceeded";
      case FAILED -> "MapIterationFailed";
      default -> "MapIterationAborted";
    };
    String key = switch (child.status) {
      case SUCCEEDED -> "mapIterationSucceededEventDetails";
      case FAILED -> "mapIterationFailedEventDetails";
      default -> "mapIterationAbortedEventDetails";
    };
    ObjectNode details = Json.object();
    details.put("index", child.index);
    details.put("name", s.name());
    ex.emitWithoutAdvancing(child, type, key, details);
    p.lastEventId = child.lastEventId;
  }

  /**
   * Aborts the running iterations, then (as AWS writes it) the Task state of the iteration whose
   * failure fails the Map, all after that failure's event.
   */
  @Override
  protected void abortRunning(Frame p, Frame failed) {
    super.abortRunning(p, failed);
    if (failed.state() instanceof TaskState) {
      failed.lastEventId = p.lastEventId;
      ex.emitWithoutAdvancing(failed, "TaskStateAborted", null, null);
    }
  }

  @Override
  protected boolean failureIsFatal(Frame p) {
    Children c = p.children;
    return MapRunRequest.exceeds(c.failed, c.items.size(), c.toleratedFailureCount, c.toleratedFailurePercentage);
  }

}
