package dev.nestflow.core.states;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nestflow.core.json.Json;

/**
 * The value of a state field that the definition may give in more than one form: written
 * literally, read from a path ({@code MaxConcurrencyPath}, {@code SecondsPath}...), or computed by
 * JSONata. The parser decides the form once, from the field's name and the state's query language,
 * so the interpreter never asks which language is in use; a field that is absent is {@code null}.
 * {@link #name()} is the field as the definition spells it, which AWS's error messages quote.
 */
public sealed interface Field {

  String name();

  /** A JSONPath state's value written in the definition ({@code "MaxConcurrency": 5}). */
  record Literal(String name, JsonNode value) implements Field {}

  /** A JSONPath state's reference path ({@code "MaxConcurrencyPath": "$.limit"}). */
  record Path(String name, String path) implements Field {}

  /**
   * A JSONata state's value: a {@code "{% expr %}"} string, a value holding such strings, or a
   * plain value (which evaluates to itself).
   */
  record Jsonata(String name, JsonNode template) implements Field {
    /** The text AWS quotes for this field in an error: the expression, or else the value as JSON. */
    public String expression() {
      String e = template.isTextual() ? dev.nestflow.core.jsonata.Jsonata.unwrap(template.textValue()) : null;
      return e == null ? Json.write(template) : e;
    }
  }

  /**
   * The field {@code name} of {@code state} in the form its language allows: in JSONata the value
   * of {@code name}; in JSONPath the value of {@code name}, else the path in {@code name + "Path"}.
   */
  static Field of(JsonNode state, String name, QueryLanguage language) {
    JsonNode value = state.get(name);
    if (language == QueryLanguage.JSONATA) {
      return value == null ? null : new Jsonata(name, value);
    }
    JsonNode path = state.get(name + "Path");
    if (path != null && !path.isNull()) {
      return new Path(name + "Path", path.asText());
    }
    return value == null ? null : new Literal(name, value);
  }
}
