package dev.nestflow.core.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nestflow.core.states.SucceedState;

/**
 * Succeed: the frame ends successfully. JSONPath: InputPath then OutputPath. JSONata: Output
 * (default: the input).
 */
final class SucceedStep {
  private final Execution ex;

  SucceedStep(Execution ex) {
    this.ex = ex;
  }

  void run(Frame f, SucceedState s) {
    if (s.common().jsonata()) {
      JsonNode output = s.common().output();
      JsonNode out =
          output == null ? f.stateInput : JsonataScope.of(ex, f, s, f.stateInput, null).evaluate(output, "Output");
      ex.exitState(f, s, out, null);
      return;
    }
    Scope scope = StateRunners.scope(ex, f, s, f.stateInput, null);
    JsonNode effective = StateIo.inputPath(s.common().inputPath(), scope);
    ex.exitState(f, s, StateIo.outputPath(s.common().outputPath(), scope, effective), null);
  }
}
