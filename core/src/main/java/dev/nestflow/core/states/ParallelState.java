package dev.nestflow.core.states;

import java.util.List;

/** Parallel: runs every branch on the same input; the output is the array of branch outputs. */
public record ParallelState(StateCommon common, List<StateMachine> branches) implements State {
  @Override
  public String typeName() {
    return "Parallel";
  }
}
