package dev.nestflow.core.interpreter;

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
    InputOutput io = InputOutput.of(s);
    Evaluation ev = new Evaluation(ex, f, s);
    io.selectInput(ev);
    io.exitWithInput(ev, null, s.common().assign(), s.common().output());
  }
}
