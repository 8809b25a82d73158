package dev.nestflow.core.states;

import com.fasterxml.jackson.databind.JsonNode;

/** Pass: passes its input (or its fixed Result) to its output. */
public record PassState(StateCommon common, JsonNode result) implements State {
  @Override
  public String typeName() {
    return "Pass";
  }
}
