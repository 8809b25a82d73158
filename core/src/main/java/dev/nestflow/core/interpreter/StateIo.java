package dev.nestflow.core.interpreter;

import java.util.Map;
import dev.nestflow.core.states.State;
import dev.nestflow.core.states.StateCommon;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nestflow.core.errors.ErrorNames;
import dev.nestflow.core.errors.StatesException;
import dev.nestflow.core.json.Json;
import dev.nestflow.core.paths.PathNotFoundException;
import dev.nestflow.core.paths.ReferencePath;

/**
 * JSONPath input and output processing:
 * raw input → InputPath → Parameters → (work) → ResultSelector → ResultPath → OutputPath.
 */
final class StateIo {
  private StateIo() {}

  /** InputPath: absent keeps the input, JSON null gives {@code {}}, a path selects from the input. */
  static JsonNode inputPath(JsonNode inputPath, Scope scope) {
    return select(inputPath, scope, scope.input());
  }

  /** OutputPath, applied to the state's output; same rules as InputPath. */
  static JsonNode outputPath(JsonNode outputPath, Scope scope, JsonNode value) {
    return select(outputPath, scope.withInput(value), value);
  }

  private static JsonNode select(JsonNode path, Scope scope, JsonNode value) {
    if (path == null) {
      return value;
    }
    if (path.isNull()) {
      return Json.object();
    }
    String p = path.asText();
    try {
      return scope.resolve(p);
    } catch (PathNotFoundException e) {
      throw new StatesException(ErrorNames.RUNTIME, "Invalid path '" + p + "' : " + e.cause());
    }
  }

  /** ResultPath: absent replaces the input with the result, null discards the result. */
  static JsonNode applyResultPath(JsonNode rawInput, JsonNode resultPath, JsonNode result) {
    if (resultPath == null) {
      return result;
    }
    if (resultPath.isNull()) {
      return rawInput;
    }
    return ReferencePath.set(rawInput, resultPath.asText(), result);
  }

  /** Evaluates a template (Parameters, ResultSelector, ItemSelector) when present. */
  static JsonNode template(JsonNode template, Scope scope, Execution ex, JsonNode otherwise) {
    return template == null ? otherwise : Expressions.template(template, scope, ex.env().random());
  }


  /**
   * A state with a result (Task, Parallel, Map) exits with it: JSONata states apply Assign and
   * Output to {@code $states.result}; JSONPath states apply ResultSelector, Assign, ResultPath and
   * OutputPath.
   */
  static void exitWithResult(Execution ex, Frame f, State s, JsonNode result) {
    StateCommon c = s.common();
    if (c.jsonata()) {
      JsonataScope js = JsonataScope.of(ex, f, s, f.stateInput, null).withResult(result);
      Map<String, JsonNode> assigned = Variables.evaluateJsonata(c.assign(), js);
      JsonNode out = c.output() == null ? result : js.evaluate(c.output(), "Output");
      ex.exitState(f, s, out, ex.nextOf(s), assigned);
      return;
    }
    Scope scope = StateRunners.scope(ex, f, s, f.stateInput, null);
    JsonNode selected = template(c.resultSelector(), scope.withInput(result), ex, result);
    Map<String, JsonNode> assigned = Variables.evaluateJsonPath(c.assign(), scope.withInput(selected), ex.env().random());
    JsonNode combined = applyResultPath(f.stateInput, c.resultPath(), selected);
    ex.exitState(f, s, outputPath(c.outputPath(), scope, combined), ex.nextOf(s), assigned);
  }
}
