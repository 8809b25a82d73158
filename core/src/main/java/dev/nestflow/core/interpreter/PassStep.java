package dev.nestflow.core.interpreter;

import dev.nestflow.core.states.PassState;

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
    InputOutput io = InputOutput.of(s);
    Evaluation ev = new Evaluation(ex, f, s);
    io.selectInput(ev);
    io.exitPass(ev, s.result() != null ? s.result() : io.arguments(ev));
  }
}
