package dev.nestflow.core.states;

import com.fasterxml.jackson.databind.JsonNode;

/** Fail: ends with an error and cause, each given literally, by path, or as an expression. */
public record FailState(
    StateCommon common, JsonNode error, String errorPath, JsonNode cause, String causePath)
    implements State {
  @Override
  public String typeName() {
    return "Fail";
  }
}
