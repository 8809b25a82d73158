package dev.nestflow.core.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.errors.ErrorNames;
import dev.nestflow.core.errors.StatesException;
import dev.nestflow.core.history.History;
import dev.nestflow.core.json.Json;
import dev.nestflow.core.paths.PathNotFoundException;
import dev.nestflow.core.states.MapState;
import dev.nestflow.core.states.StateCommon;
import dev.nestflow.core.states.TaskState;
import dev.nestflow.core.jsonata.Jsonata;
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
    StateCommon c = s.common();
    Scope scope = StateRunners.scope(ex, f, s, f.stateInput, null);
    if (f.phase == Frame.Phase.CHILDREN_DONE) {
      finish(f, s);
      return;
    }
    JsonataScope js = null;
    Scope inputScope = null;
    JsonNode items;
    if (c.jsonata()) {
      f.effectiveInput = f.stateInput;
      js = JsonataScope.of(ex, f, s, f.stateInput, null);
      items = jsonataItems(s, js, f.stateInput);
      f.maxConcurrency = jsonataInt(js, s.maxConcurrency(), "MaxConcurrency", 0);
    } else {
      JsonNode effective = StateIo.inputPath(c.inputPath(), scope);
      f.effectiveInput = effective;
      inputScope = scope.withInput(effective);
      items = items(s, inputScope);
      f.maxConcurrency = maxConcurrency(s, inputScope);
    }
    f.mapItems = items;
    ObjectNode started = Json.object();
    started.put("length", items.size());
    ex.emit(f, "MapStateStarted", "mapStateStartedEventDetails", started, true);
    if (js != null) {
      f.toleratedFailureCount = checkCount(jsonataInt(js, s.toleratedFailureCount(), "ToleratedFailureCount", 0));
      f.toleratedFailurePercentage = checkPercentage(jsonataNumber(js, s.toleratedFailurePercentage(), "ToleratedFailurePercentage"));
    } else {
      f.toleratedFailureCount = toleratedFailureCount(s, inputScope);
      f.toleratedFailurePercentage = toleratedFailurePercentage(s, inputScope);
    }
    if (s.mode() == MapState.ProcessorMode.DISTRIBUTED) {
      f.mapRunArn = mapRunArn(s);
      ObjectNode run = Json.object();
      run.put("mapRunArn", f.mapRunArn);
      ex.emit(f, "MapRunStarted", "mapRunStartedEventDetails", run, true);
    }
    resetChildren(f, items.size());
    if (pump(f)) {
      f.phase = Frame.Phase.CHILDREN_DONE;
    } else {
      f.status = Frame.Status.BLOCKED;
    }
  }

  private void finish(Frame f, MapState s) {
    boolean distributed = s.mode() == MapState.ProcessorMode.DISTRIBUTED;
    if (f.childFailed) {
      String error = f.childError;
      String cause = f.childCause;
      if (tolerates(f)) {
        error = ErrorNames.EXCEED_TOLERATED_FAILURE_THRESHOLD;
        cause = "The specified tolerated failure threshold was exceeded";
      }
      if (distributed) {
        ex.emit(f, "MapRunFailed", "mapRunFailedEventDetails", Json.object(), true);
      }
      if (!ex.willRetry(f, s, error)) {
        ex.emit(f, "MapStateFailed", null, null, true);
      }
      ex.failState(f, s, error, cause);
      return;
    }
    if (distributed) {
      ex.emit(f, "MapRunSucceeded", null, null, true);
    }
    f.lastEventId = f.history.lastId();
    ex.emit(f, "MapStateSucceeded", null, null, false);
    StateIo.exitWithResult(ex, f, s, childOutputs(f));
  }

  private boolean tolerates(Frame f) {
    MapState s = (MapState) f.state();
    return s.toleratedFailureCount() != null || s.toleratedFailureCountPath() != null
        || s.toleratedFailurePercentage() != null || s.toleratedFailurePercentagePath() != null;
  }

  /** Items of a JSONata Map (a literal array or an expression), or else the state input. */
  private static JsonNode jsonataItems(MapState s, JsonataScope js, JsonNode input) {
    if (s.items() == null) {
      if (!input.isArray()) {
        throw new QueryEvaluationFailed(null, "Map state input must be an array but was: " + Json.write(input));
      }
      return input;
    }
    JsonNode items = js.evaluate(s.items(), "Items");
    if (!items.isArray()) {
      throw QueryEvaluationFailed.of(JsonataTemplates.unexpectedType(expression(s.items()), "Items", "array", items));
    }
    return items;
  }

  private static int jsonataInt(JsonataScope js, JsonNode field, String location, int otherwise) {
    if (field == null) {
      return otherwise;
    }
    JsonNode v = js.evaluate(field, location);
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      throw QueryEvaluationFailed.of(JsonataTemplates.unexpectedType(expression(field), location, "integer", v));
    }
    return v.intValue();
  }

  private static double jsonataNumber(JsonataScope js, JsonNode field, String location) {
    if (field == null) {
      return 0;
    }
    JsonNode v = js.evaluate(field, location);
    if (!v.isNumber()) {
      throw QueryEvaluationFailed.of(JsonataTemplates.unexpectedType(expression(field), location, "number", v));
    }
    return v.doubleValue();
  }

  private static String expression(JsonNode field) {
    String e = field.isTextual() ? Jsonata.unwrap(field.textValue()) : null;
    return e == null ? Json.write(field) : e;
  }

  private JsonNode items(MapState s, Scope scope) {
    JsonNode itemsPath = s.itemsPath();
    String path = itemsPath == null || itemsPath.isNull() ? "$" : itemsPath.asText();
    JsonNode items;
    try {
      items = scope.resolve(path);
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

  private int maxConcurrency(MapState s, Scope scope) {
    if (s.maxConcurrencyPath() != null) {
      JsonNode v = numberFromText(scope.resolve(s.maxConcurrencyPath()));
      if (!v.isIntegralNumber()) {
        throw notA(v, "MaxConcurrencyPath", "integer", s.maxConcurrencyPath());
      }
      return v.asInt();
    }
    return s.maxConcurrency() == null ? 0 : s.maxConcurrency().asInt();
  }

  private int toleratedFailureCount(MapState s, Scope scope) {
    int count;
    if (s.toleratedFailureCountPath() != null) {
      JsonNode v = numberFromText(scope.resolve(s.toleratedFailureCountPath()));
      if (!v.isIntegralNumber()) {
        throw notA(v, "ToleratedFailureCountPath", "integer", s.toleratedFailureCountPath());
      }
      count = v.asInt();
    } else {
      count = s.toleratedFailureCount() == null ? 0 : s.toleratedFailureCount().asInt();
    }
    return checkCount(count);
  }

  private static int checkCount(int count) {
    if (count < 0) {
      throw new StatesException(ErrorNames.RUNTIME, "ToleratedFailureCount cannot be negative.");
    }
    return count;
  }

  private double toleratedFailurePercentage(MapState s, Scope scope) {
    double pct;
    if (s.toleratedFailurePercentagePath() != null) {
      JsonNode v = numberFromText(scope.resolve(s.toleratedFailurePercentagePath()));
      if (!v.isNumber()) {
        throw notA(v, "ToleratedFailurePercentagePath", "float", s.toleratedFailurePercentagePath());
      }
      pct = v.asDouble();
    } else {
      pct = s.toleratedFailurePercentage() == null ? 0 : s.toleratedFailurePercentage().asDouble();
    }
    return checkPercentage(pct);
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

  private static StatesException notA(JsonNode v, String field, String kind, String path) {
    String shown = Json.text(v);
    return new StatesException(
        ErrorNames.RUNTIME,
        "The " + field + " field refers to value \"" + shown + "\" which is not a valid " + kind + ": " + path);
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
    return parent.mapItems.size();
  }

  @Override
  protected Frame startChild(Frame p, int index) {
    MapState s = (MapState) p.state();
    boolean distributed = s.mode() == MapState.ProcessorMode.DISTRIBUTED;
    History history = distributed ? History.discarding() : p.history;
    Frame child = new Frame(p.id + "/i" + index, s.processor(), p, index, history, new HashMap<>(p.variables));
    JsonNode item = p.mapItems.get(index);
    JsonNode input = item;
    if (s.itemSelector() != null && s.common().jsonata()) {
      JsonataScope base = JsonataScope.of(ex, p, s, p.stateInput, null);
      ObjectNode ctx = ContextObject.withMapItem((ObjectNode) base.context().get(), index, item);
      input = base.withContext(ctx).evaluate(s.itemSelector(), "ItemSelector");
    } else if (s.itemSelector() != null) {
      Scope base = StateRunners.scope(ex, p, s, p.effectiveInput, null);
      ObjectNode ctx = ContextObject.withMapItem((ObjectNode) base.context().get(), index, item);
      Scope itemScope = new Scope(p.effectiveInput, () -> ctx, p.variables);
      input = Expressions.template(s.itemSelector(), itemScope, ex.env().random());
    }
    child.stateInput = input;
    child.lastEventId = distributed ? 0 : p.lastEventId;
    if (!distributed) {
      ObjectNode details = Json.object();
      details.put("index", index);
      details.put("name", s.name());
      ex.emit(child, "MapIterationStarted", "mapIterationStartedEventDetails", details, true);
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
    ex.emit(child, type, key, details, false);
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
      ex.emit(failed, "TaskStateAborted", null, null, false);
    }
  }

  @Override
  protected boolean failureIsFatal(Frame p) {
    int total = p.mapItems.size();
    if (p.failedChildren <= p.toleratedFailureCount && p.toleratedFailureCount > 0) {
      return false;
    }
    if (p.toleratedFailurePercentage > 0 && total > 0
        && (p.failedChildren * 100.0 / total) <= p.toleratedFailurePercentage) {
      return false;
    }
    return true;
  }

}
