package dev.nestflow.core.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nestflow.core.errors.ErrorNames;
import dev.nestflow.core.errors.StatesException;
import dev.nestflow.core.json.Json;
import dev.nestflow.core.jsonata.JsonataTemplates;
import dev.nestflow.core.paths.PathNotFoundException;
import dev.nestflow.core.states.FailState;
import dev.nestflow.core.states.Field;

/** Fail: ends the frame with Error/Cause, given literally, by ErrorPath/CausePath or by JSONata. */
final class FailStep {
  private final Execution ex;

  FailStep(Execution ex) {
    this.ex = ex;
  }

  void run(Frame f, FailState s) {
    Evaluation ev = new Evaluation(ex, f, s);
    InputOutput.of(s).selectInput(ev);
    ex.failState(f, s, text(ev, s.error()), text(ev, s.cause()));
  }

  /** Error or Cause: a string, a path (or intrinsic call) to one, or an expression that gives one. */
  private String text(Evaluation ev, Field field) {
    if (field == null) {
      return null;
    }
    if (field instanceof Field.Path p) {
      return byPath(ev.paths(), p.path(), p.name());
    }
    if (field instanceof Field.Jsonata j) {
      if (j.template().isNull()) {
        return null;
      }
      JsonNode value = ev.value(j);
      if (!value.isTextual()) {
        throw QueryEvaluationFailed.of(JsonataTemplates.unexpectedType(j.expression(), j.name(), "string", value));
      }
      return value.asText();
    }
    JsonNode literal = ((Field.Literal) field).value();
    return literal.isNull() ? null : literal.asText();
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
}
