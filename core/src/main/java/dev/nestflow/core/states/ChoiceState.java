package dev.nestflow.core.states;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Choice: picks the Next state of the first rule that matches, else Default. */
public record ChoiceState(StateCommon common, List<Branch> choices, String defaultNext)
    implements State {

  /**
   * One top-level rule: {@code rule} is the JSONPath rule object (null in JSONata), {@code condition}
   * the JSONata Condition (null in JSONPath).
   */
  public record Branch(JsonNode rule, Field.Jsonata condition, String next, JsonNode assign, JsonNode output) {}

  @Override
  public String typeName() {
    return "Choice";
  }
}
