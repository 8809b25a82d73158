package dev.nestflow.core.interpreter;

import dev.nestflow.core.states.ChoiceState;
import dev.nestflow.core.states.FailState;
import dev.nestflow.core.states.MapState;
import dev.nestflow.core.states.ParallelState;
import dev.nestflow.core.states.PassState;
import dev.nestflow.core.states.State;
import dev.nestflow.core.states.SucceedState;
import dev.nestflow.core.states.TaskState;
import dev.nestflow.core.states.WaitState;

/** Dispatches a frame's current state to the step logic of its type. */
final class StateRunners {
  private final Execution ex;
  private final PassStep pass;
  private final SucceedStep succeed;
  private final FailStep fail;
  private final ChoiceStep choice;
  private final WaitStep waitStep;
  private final TaskStep task;
  private final ParallelStep parallel;
  private final MapStep map;

  StateRunners(Execution ex) {
    this.ex = ex;
    this.pass = new PassStep(ex);
    this.succeed = new SucceedStep(ex);
    this.fail = new FailStep(ex);
    this.choice = new ChoiceStep(ex);
    this.waitStep = new WaitStep(ex);
    this.task = new TaskStep(ex);
    this.parallel = new ParallelStep(ex);
    this.map = new MapStep(ex);
  }

  void execute(Frame f, State s) {
    if (s instanceof PassState p) {
      pass.run(f, p);
    } else if (s instanceof SucceedState su) {
      succeed.run(f, su);
    } else if (s instanceof FailState fa) {
      fail.run(f, fa);
    } else if (s instanceof ChoiceState c) {
      choice.run(f, c);
    } else if (s instanceof WaitState w) {
      waitStep.run(f, w);
    } else if (s instanceof TaskState t) {
      task.run(f, t);
    } else if (s instanceof ParallelState p) {
      parallel.run(f, p);
    } else if (s instanceof MapState m) {
      map.run(f, m);
    }
  }

  /** The waiting task was handed over (TaskSubmitted). */
  void taskSubmitted(Frame f, com.fasterxml.jackson.databind.JsonNode output) {
    task.submitted(f, (TaskState) f.state(), output);
  }

  /** An activity worker took the waiting task (ActivityStarted). */
  void taskStarted(Frame f, String workerName) {
    task.started(f, (TaskState) f.state(), workerName);
  }

  /** Redrive: the Parallel or Map state {@code f} is at runs again its children that did not succeed. */
  void redriveChildren(Frame f, long after) {
    (f.state() instanceof MapState ? map : parallel).redrive(f, after);
  }

  /** Aborts the children of the Parallel or Map state {@code f} is at that are still running. */
  void abortChildren(Frame f) {
    FanOut owner = f.state() instanceof MapState ? map : parallel;
    for (Frame c : f.children.frames) {
      if (!c.terminal()) {
        owner.abort(c, f.lastEventId);
      }
    }
  }

    /** A branch or iteration frame ended: tell the Parallel or Map state that owns it. */
  void childEnded(Frame child) {
    FanOut owner = child.parent.state() instanceof MapState ? map : parallel;
    owner.childEnded(child);
  }
}
