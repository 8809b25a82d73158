package dev.nestflow.core.jsonata;

import com.fasterxml.jackson.databind.JsonNode;

/** A parsed JSONata expression; immutable and safe to evaluate from several threads. */
public interface JsonataExpression {

  /**
   * Evaluates the expression with no context item ({@code $} is undefined at the top, as in Step
   * Functions) and {@code bindings} as its variables.
   *
   * @return the value, or Java {@code null} when the expression returned nothing (undefined)
   * @throws JsonataException when evaluation fails or the result is not JSON (a function)
   */
  JsonNode evaluate(JsonataBindings bindings);

  /** The expression text as written. */
  String text();
}
