package dev.nestflow.core.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nestflow.core.states.PassState;
import dev.nestflow.core.states.StateCommon;

/** Pass: Result (or Parameters, or the input) placed by ResultPath, then OutputPath. */
final class PassStep {
  private final Execution ex;

  PassStep(Execution ex) {
    this.ex = ex;
  }

  void run(Frame f, PassState s) {
    StateCommon c = s.common();
    Scope scope = StateRunners.scope(ex, f, s, f.stateInput, null);
    JsonNode effective = StateIo.inputPath(c.inputPath(), scope);
    JsonNode result =
        s.result() != null ? s.result() : StateIo.template(c.parameters(), scope.withInput(effective), ex, effective);
    JsonNode combined = StateIo.applyResultPath(f.stateInput, c.resultPath(), result);
    JsonNode out = StateIo.outputPath(c.outputPath(), scope, combined);
    ex.exitState(f, s, out, ex.nextOf(s));
  }
}
