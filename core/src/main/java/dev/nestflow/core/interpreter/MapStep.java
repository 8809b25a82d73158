package dev.nestflow.core.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.errors.ErrorNames;
import dev.nestflow.core.errors.StatesException;
import dev.nestflow.core.history.History;
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
 * iterations into this execution's history; a DISTRIBUTED one runs them as a map run whose
 * iterations keep their own histories.
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
    rejectUnsupported(s);
    Evaluation ev = new Evaluation(ex, f, s);
    InputOutput.of(s).selectInput(ev);
    Children children = new Children(items(ev, s.items()));
    children.maxConcurrency = limit(ev, s.maxConcurrency(), Limit.INTEGER).asInt();
    ObjectNode started = Json.object();
    started.put("length", children.items.size());
    ex.emit(f, "MapStateStarted", "mapStateStartedEventDetails", started);
    children.toleratedFailureCount = checkCount(limit(ev, s.toleratedFailureCount(), Limit.INTEGER).asInt());
    children.toleratedFailurePercentage = checkPercentage(limit(ev, s.toleratedFailurePercentage(), Limit.NUMBER).asDouble());
    if (s.mode() == MapState.ProcessorMode.DISTRIBUTED) {
      ex.emit(f, "MapRunStarted", "mapRunStartedEventDetails", Json.object().put("mapRunArn", mapRunArn(s)));
    }
    inspect(s, children);
    startChildren(f, children);
  }

  /**
   * A distributed Map's ItemReader, ItemBatcher and ResultWriter change what the Map iterates and
   * what it returns; nestflow does not run them yet. Iterating the input instead would give a wrong
   * result with no error, so the state fails (States.Runtime, which no Retry or Catch handles)
   * naming the field.
   */
  private static void rejectUnsupported(MapState s) {
    String field = s.itemReader() != null ? "ItemReader"
        : s.itemBatcher() != null ? "ItemBatcher"
        : s.resultWriter() != null ? "ResultWriter"
        : null;
    if (field != null) {
      throw new StatesException(ErrorNames.RUNTIME, unsupportedCause(field));
    }
  }

  /** The cause of the failure of a Map state that uses {@code field}, which nestflow does not run. */
  static String unsupportedCause(String field) {
    return "The Map state field '" + field + "' is not supported by nestflow yet; the state fails rather than"
        + " iterate its input in place of what '" + field + "' describes.";
  }

  private void finish(Frame f, MapState s) {
    boolean distributed = s.mode() == MapState.ProcessorMode.DISTRIBUTED;
    if (f.children.stateFailed) {
      String error = f.children.error;
      String cause = f.children.cause;
      if (s.toleratedFailureCount() != null || s.toleratedFailurePercentage() != null) {
        error = ErrorNames.EXCEED_TOLERATED_FAILURE_THRESHOLD;
        cause = "The specified tolerated failure threshold was exceeded";
      }
      if (distributed) {
        ex.emit(f, "MapRunFailed", "mapRunFailedEventDetails", Json.object());
      }
      if (!ex.willRetry(f, s, error)) {
        ex.emit(f, "MapStateFailed", null, null);
      }
      ex.failState(f, s, error, cause);
      return;
    }
    if (distributed) {
      ex.emit(f, "MapRunSucceeded", null, null);
    }
    f.lastEventId = f.history.lastId();
    ex.emitWithoutAdvancing(f, "MapStateSucceeded", null, null);
    InputOutput.of(s).exitWithResult(new Evaluation(ex, f, s), childOutputs(f));
  }

  /** Tells the inspector the items (JSONPath's ItemsPath) and the limits the state declares. */
  private void inspect(MapState s, Children c) {
    Inspector inspector = ex.inspector();
    if (!(s.items() instanceof Field.Jsonata)) {
      inspector.stage(s.name(), Inspector.AFTER_ITEMS_PATH, c.items);
    }
    if (s.maxConcurrency() != null) {
      inspector.stage(s.name(), Inspector.MAX_CONCURRENCY, Json.NODES.numberNode(c.maxConcurrency));
    }
    if (s.toleratedFailureCount() != null) {
      inspector.stage(s.name(), Inspector.TOLERATED_FAILURE_COUNT, Json.NODES.numberNode(c.toleratedFailureCount));
    }
    if (s.toleratedFailurePercentage() != null) {
      inspector.stage(s.name(), Inspector.TOLERATED_FAILURE_PERCENTAGE, Json.NODES.numberNode(c.toleratedFailurePercentage));
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

  private String mapRunArn(MapState s) {
    ExecutionIdentity id = ex.identity();
    String label = s.label() != null ? s.label() : uuid();
    String prefix = id.stateMachineArn().replace(":stateMachine:", ":mapRun:");
    return prefix + "/" + label + ":" + uuid();
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
    boolean distributed = s.mode() == MapState.ProcessorMode.DISTRIBUTED;
    History history = distributed ? History.discarding() : p.history;
    Frame child = new Frame(p.id + "/i" + index, s.processor(), p, index, history, new HashMap<>(p.variables));
    JsonNode item = p.children.items.get(index);
    JsonNode input = InputOutput.of(s).itemInput(new Evaluation(ex, p, s), s, index, item);
    child.stateInput = input;
    ex.inspector().item(s.name(), index, input);
    child.lastEventId = distributed ? 0 : p.lastEventId;
    if (!distributed) {
      ObjectNode details = Json.object();
      details.put("index", index);
      details.put("name", s.name());
      ex.emit(child, "MapIterationStarted", "mapIterationStartedEventDetails", details);
    }
    return child;
  }

  @Override
  protected void recordChildEnd(Frame p, Frame child) {
    MapState s = (MapState) p.state();
    if (s.mode() == MapState.ProcessorMode.DISTRIBUTED) {
      return;
    }
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
    int total = c.items.size();
    if (c.failed <= c.toleratedFailureCount && c.toleratedFailureCount > 0) {
      return false;
    }
    if (c.toleratedFailurePercentage > 0 && total > 0
        && (c.failed * 100.0 / total) <= c.toleratedFailurePercentage) {
      return false;
    }
    return true;
  }

}
