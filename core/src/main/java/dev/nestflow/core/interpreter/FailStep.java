package dev.nestflow.core.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nestflow.core.errors.ErrorNames;
import dev.nestflow.core.errors.StatesException;
import dev.nestflow.core.json.Json;
import dev.nestflow.core.jsonata.Jsonata;
import dev.nestflow.core.jsonata.JsonataTemplates;
import dev.nestflow.core.paths.PathNotFoundException;
import dev.nestflow.core.states.FailState;

/** Fail: ends the frame with Error/Cause, given literally or by ErrorPath/CausePath. */
final class FailStep {
  private final Execution ex;

  FailStep(Execution ex) {
    this.ex = ex;
  }

  void run(Frame f, FailState s) {
    if (s.common().jsonata()) {
      JsonataScope js = JsonataScope.of(ex, f, s, f.stateInput, null);
      ex.failState(f, s, jsonataText(js, s.error(), "Error"), jsonataText(js, s.cause(), "Cause"));
      return;
    }
    Scope scope = StateRunners.scope(ex, f, s, f.stateInput, null);
    String error = s.errorPath() != null ? byPath(scope, s.errorPath(), "ErrorPath") : text(s.error());
    String cause = s.causePath() != null ? byPath(scope, s.causePath(), "CausePath") : text(s.cause());
    ex.failState(f, s, error, cause);
  }

  private String byPath(Scope scope, String path, String field) {
    JsonNode value;
    try {
      value = Expressions.valueOf(path, scope, ex.env().random());
    } catch (PathNotFoundException e) {
      throw new StatesException(
          ErrorNames.RUNTIME,
          "The JSONPath '" + path + "' specified for the field '" + field + "' could not be found in the input '"
              + Json.write(scope.input()) + "'");
    }
    if (!value.isTextual()) {
      throw new StatesException(
          ErrorNames.RUNTIME,
          "The JSONPath '" + path + "' specified for the field '" + field + "' must be a string, but was "
              + Json.write(value));
    }
    return value.asText();
  }

  /** Error or Cause of a JSONata Fail state: a string, or an expression that gives one. */
  private static String jsonataText(JsonataScope js, JsonNode field, String location) {
    if (field == null || field.isNull()) {
      return null;
    }
    JsonNode value = js.evaluate(field, location);
    if (!value.isTextual()) {
      throw QueryEvaluationFailed.of(
          JsonataTemplates.unexpectedType(Jsonata.unwrap(field.asText()), location, "string", value));
    }
    return value.asText();
  }

  private static String text(JsonNode n) {
    return n == null || n.isNull() ? null : n.asText();
  }
}
