package dev.nestflow.core.interpreter;

import dev.nestflow.core.errors.ErrorNames;
import dev.nestflow.core.errors.StatesException;
import dev.nestflow.core.jsonata.FieldEvaluationException;

/**
 * {@code States.QueryEvaluationError} raised while a JSONata state evaluated one of its fields.
 * Besides the error it writes an {@code EvaluationFailed} event naming the field ({@code location},
 * null when the failure concerns no single field).
 */
final class QueryEvaluationFailed extends StatesException {
  private final String location;

  QueryEvaluationFailed(String location, String cause) {
    super(ErrorNames.QUERY_EVALUATION_ERROR, cause);
    this.location = location;
  }

  static QueryEvaluationFailed of(FieldEvaluationException e) {
    return new QueryEvaluationFailed(e.location(), e.getMessage());
  }

  String location() {
    return location;
  }
}
