package dev.nestflow.core.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nestflow.core.states.PassState;
import dev.nestflow.core.states.StateCommon;
import java.util.Map;

/**
 * Pass. JSONPath: Result (or Parameters, or the input) placed by ResultPath, then OutputPath; Assign
 * reads the result. JSONata: Output (default: the input) and Assign over {@code $states.input}.
 */
final class PassStep {
  private final Execution ex;

  PassStep(Execution ex) {
    this.ex = ex;
  }

  void run(Frame f, PassState s) {
    StateCommon c = s.common();
    if (c.jsonata()) {
      JsonataScope js = JsonataScope.of(ex, f, s, f.stateInput, null);
      Map<String, JsonNode> assigned = Variables.evaluateJsonata(c.assign(), js);
      JsonNode out = c.output() == null ? f.stateInput : js.evaluate(c.output(), "Output");
      ex.exitState(f, s, out, ex.nextOf(s), assigned);
      return;
    }
    Scope scope = StateRunners.scope(ex, f, s, f.stateInput, null);
    JsonNode effective = StateIo.inputPath(c.inputPath(), scope);
    JsonNode result =
        s.result() != null ? s.result() : StateIo.template(c.parameters(), scope.withInput(effective), ex, effective);
    Map<String, JsonNode> assigned = Variables.evaluateJsonPath(c.assign(), scope.withInput(result), ex.env().random());
    JsonNode combined = StateIo.applyResultPath(f.stateInput, c.resultPath(), result);
    JsonNode out = StateIo.outputPath(c.outputPath(), scope, combined);
    ex.exitState(f, s, out, ex.nextOf(s), assigned);
  }
}
