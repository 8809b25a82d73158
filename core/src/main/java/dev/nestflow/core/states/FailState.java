package dev.nestflow.core.states;

/** Fail: ends with an error and cause, each given literally, by path, or as an expression. */
public record FailState(
    StateCommon common, Field error, Field cause)
    implements State {
  @Override
  public String typeName() {
    return "Fail";
  }
}
