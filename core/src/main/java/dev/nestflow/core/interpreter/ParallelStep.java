package dev.nestflow.core.interpreter;

import dev.nestflow.core.states.ParallelState;
import java.util.HashMap;

/** Parallel: every branch on the same input; the result is the array of branch outputs. */
final class ParallelStep extends FanOut {
  ParallelStep(Execution ex) {
    super(ex);
  }

  void run(Frame f, ParallelState s) {
    if (f.phase == Frame.Phase.CHILDREN_DONE) {
      finish(f, s);
      return;
    }
    InputOutput io = InputOutput.of(s);
    Evaluation ev = new Evaluation(ex, f, s);
    io.selectInput(ev);
    f.taskInput = io.arguments(ev);
    ex.emit(f, "ParallelStateStarted", null, null);
    startChildren(f, new Children(s.branches().size()));
  }

  private void finish(Frame f, ParallelState s) {
    Children children = f.children;
    if (children.stateFailed) {
      if (!ex.willRetry(f, s, children.error)) {
        ex.emit(f, "ParallelStateFailed", null, null);
      }
      ex.failState(f, s, children.error, children.cause);
      return;
    }
    f.lastEventId = f.history.lastId();
    ex.emitWithoutAdvancing(f, "ParallelStateSucceeded", null, null);
    InputOutput.of(s).exitWithResult(new Evaluation(ex, f, s), childOutputs(f));
  }

  @Override
  protected int total(Frame parent) {
    return ((ParallelState) parent.state()).branches().size();
  }

  @Override
  protected Frame startChild(Frame p, int index) {
    ParallelState s = (ParallelState) p.state();
    Frame child = new Frame(p.id + "/b" + index, s.branches().get(index), p, index, p.history, new HashMap<>(p.variables));
    child.lastEventId = p.lastEventId;
    child.stateInput = p.taskInput;
    return child;
  }

  @Override
  protected void recordChildEnd(Frame parent, Frame child) {
    if (child.status == Frame.Status.FAILED) {
      parent.lastEventId = child.lastEventId;
    }
  }

  @Override
  protected boolean failureIsFatal(Frame parent) {
    return true;
  }
}
