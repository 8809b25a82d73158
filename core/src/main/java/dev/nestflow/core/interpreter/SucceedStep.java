package dev.nestflow.core.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nestflow.core.states.SucceedState;

/** Succeed: InputPath then OutputPath, and the frame ends successfully. */
final class SucceedStep {
  private final Execution ex;

  SucceedStep(Execution ex) {
    this.ex = ex;
  }

  void run(Frame f, SucceedState s) {
    Scope scope = StateRunners.scope(ex, f, s, f.stateInput, null);
    JsonNode effective = StateIo.inputPath(s.common().inputPath(), scope);
    ex.exitState(f, s, StateIo.outputPath(s.common().outputPath(), scope, effective), null);
  }
}
