package dev.nestflow.core.jsonata;

/**
 * A JSONata implementation: turns expression text into a reusable {@link JsonataExpression}. The
 * one seam between nestflow and the library that evaluates JSONata, so the library can be swapped.
 */
public interface JsonataEngine {

  /**
   * Parses {@code expression} (the text between {@code {%} and {@code %}}).
   *
   * @throws JsonataException of kind {@link JsonataException.Kind#SYNTAX} when it does not parse
   */
  JsonataExpression compile(String expression);
}
