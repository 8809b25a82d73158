package dev.nestflow.core.states;

/** Succeed: ends the state machine (or branch, or iteration) successfully. */
public record SucceedState(StateCommon common) implements State {
  @Override
  public String typeName() {
    return "Succeed";
  }
}
