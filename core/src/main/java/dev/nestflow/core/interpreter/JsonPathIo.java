package dev.nestflow.core.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.errors.ErrorNames;
import dev.nestflow.core.errors.StatesException;
import dev.nestflow.core.json.Json;
import dev.nestflow.core.paths.PathNotFoundException;
import dev.nestflow.core.paths.ReferencePath;
import dev.nestflow.core.states.Catcher;
import dev.nestflow.core.states.MapState;
import dev.nestflow.core.states.StateCommon;
import java.util.Map;

/**
 * JSONPath input and output processing:
 * raw input → InputPath → Parameters → (work) → ResultSelector → Assign → ResultPath → OutputPath.
 */
final class JsonPathIo implements InputOutput {
  static final JsonPathIo INSTANCE = new JsonPathIo();

  private JsonPathIo() {}

  @Override
  public void selectInput(Evaluation ev) {
    ev.f.effectiveInput = select(ev.s.common().inputPath(), ev, ev.f.stateInput);
    ev.ex.inspector().stage(ev.s.name(), Inspector.AFTER_INPUT_PATH, ev.f.effectiveInput);
  }

  @Override
  public JsonNode arguments(Evaluation ev) {
    JsonNode arguments = template(ev.s.common().parameters(), ev, ev.f.effectiveInput);
    ev.ex.inspector().stage(ev.s.name(), Inspector.AFTER_PARAMETERS, arguments);
    return arguments;
  }

  @Override
  public void exitWithResult(Evaluation ev, JsonNode result) {
    StateCommon c = ev.s.common();
    Frame f = ev.f;
    Inspector inspector = ev.ex.inspector();
    inspector.stage(ev.s.name(), Inspector.RESULT, result);
    JsonNode selected = template(c.resultSelector(), ev, result);
    inspector.stage(ev.s.name(), Inspector.AFTER_RESULT_SELECTOR, selected);
    Map<String, JsonNode> assigned = assign(c.assign(), ev, selected);
    JsonNode combined = applyResultPath(f.stateInput, c.resultPath(), selected);
    inspector.stage(ev.s.name(), Inspector.AFTER_RESULT_PATH, combined);
    JsonNode out = select(c.outputPath(), ev, combined);
    ev.ex.exitState(f, ev.s, out, ev.ex.nextOf(ev.s), assigned);
  }

  @Override
  public void exitWithInput(Evaluation ev, String next, JsonNode assign, JsonNode output) {
    JsonNode effective = ev.f.effectiveInput;
    Map<String, JsonNode> assigned = assign(assign, ev, effective);
    JsonNode out = select(ev.s.common().outputPath(), ev, effective);
    ev.ex.exitState(ev.f, ev.s, out, next, assigned);
  }

  @Override
  public void exitPass(Evaluation ev, JsonNode result) {
    exitWithResult(ev, result);
  }

  @Override
  public Caught caught(Evaluation ev, Catcher c, ObjectNode errorOutput) {
    Map<String, JsonNode> assigned = assign(c.assign(), ev, errorOutput);
    return new Caught(applyResultPath(ev.f.stateInput, c.resultPath(), errorOutput), assigned);
  }

  @Override
  public JsonNode itemInput(Evaluation ev, MapState s, int index, JsonNode item) {
    if (s.itemSelector() == null) {
      return item;
    }
    Frame p = ev.f;
    ObjectNode ctx = ContextObject.withMapItem((ObjectNode) ev.context(), index, item);
    Scope itemScope = new Scope(p.effectiveInput, () -> ctx, p.variables);
    return Expressions.template(s.itemSelector(), itemScope, ev.ex.env().random());
  }

  /** InputPath or OutputPath: absent keeps the value, JSON null gives {@code {}}, a path selects. */
  private static JsonNode select(JsonNode path, Evaluation ev, JsonNode value) {
    if (path == null) {
      return value;
    }
    if (path.isNull()) {
      return Json.object();
    }
    String p = path.asText();
    try {
      return ev.paths(value).resolve(p);
    } catch (PathNotFoundException e) {
      throw new StatesException(ErrorNames.RUNTIME, "Invalid path '" + p + "' : " + e.cause());
    }
  }

  /** ResultPath: absent replaces the input with the result, null discards the result. */
  private static JsonNode applyResultPath(JsonNode rawInput, JsonNode resultPath, JsonNode result) {
    if (resultPath == null) {
      return result;
    }
    if (resultPath.isNull()) {
      return rawInput;
    }
    return ReferencePath.set(rawInput, resultPath.asText(), result);
  }

  /** A template (Parameters, ResultSelector) over {@code input}; absent, the input itself. */
  private static JsonNode template(JsonNode template, Evaluation ev, JsonNode input) {
    return template == null ? input : Expressions.template(template, ev.paths(input), ev.ex.env().random());
  }

  /** Assign, its paths over {@code input}. */
  private static Map<String, JsonNode> assign(JsonNode assign, Evaluation ev, JsonNode input) {
    return assign == null ? Variables.NONE : Variables.evaluateJsonPath(assign, ev.paths(input), ev.ex.env().random());
  }
}
