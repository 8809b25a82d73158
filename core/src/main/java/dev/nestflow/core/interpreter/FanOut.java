package dev.nestflow.core.interpreter;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.json.Json;
import dev.nestflow.core.states.MapState;
import java.util.ArrayList;
import java.util.List;

/**
 * What Parallel and Map share: starting child frames (all at once, or up to a concurrency limit),
 * counting them as they end, and aborting the rest when the state fails. Children that end while
 * the parent is still starting others are only counted; the parent looks at the totals after.
 */
abstract class FanOut {
  protected final Execution ex;

  FanOut(Execution ex) {
    this.ex = ex;
  }

  /** How many children the state runs in total. */
  protected abstract int total(Frame parent);

  /** Creates child {@code index} (its input set), writing any event that starts it. */
  protected abstract Frame startChild(Frame parent, int index);

  /** Writes whatever event marks a child's end in the parent (Map iterations). */
  protected abstract void recordChildEnd(Frame parent, Frame child);

  /** Whether a failed child fails the whole state (Parallel: always; Map: past the tolerance). */
  protected abstract boolean failureIsFatal(Frame parent);

  /** The children's outputs in order: the result of the Parallel or Map state. */
  protected static com.fasterxml.jackson.databind.node.ArrayNode childOutputs(Frame f) {
    com.fasterxml.jackson.databind.node.ArrayNode result = Json.array();
    for (com.fasterxml.jackson.databind.JsonNode out : f.children.outputs) {
      result.add(out);
    }
    return result;
  }

  /**
   * Starts the state's children: as many as the limit allows run now; the state goes on at once
   * when they decide its outcome, else it blocks until they do.
   */
  protected void startChildren(Frame p, Children children) {
    p.children = children;
    if (pump(p)) {
      p.phase = Frame.Phase.CHILDREN_DONE;
    } else {
      p.status = Frame.Status.BLOCKED;
    }
  }

  /**
   * Starts children while the concurrency limit allows. Returns true when the state can go on:
   * every child has ended, or one failure decided the outcome.
   *
   * <p>As AWS does, every child the limit allows is started (a Map writes MapIterationStarted for
   * each) before any of them runs its first state; the started children then run in order, each
   * as far as it can go. Children that end meanwhile free their slots for the next batch.
   */
  protected boolean pump(Frame p) {
    int total = total(p);
    Children c = p.children;
    c.spawning = true;
    try {
      while (canStartChild(c, total)) {
        List<Frame> batch = new ArrayList<>();
        while (canStartChild(c, total)) {
          Frame child = startChild(p, c.next++);
          c.frames.add(child);
          c.running++;
          batch.add(child);
        }
        for (Frame child : batch) {
          if (child.status == Frame.Status.RUNNING) {
            ex.run(child);
          }
        }
      }
    } finally {
      c.spawning = false;
    }
    return c.stateFailed || c.finished == total;
  }

  private static boolean canStartChild(Children c, int total) {
    return !c.stateFailed && c.next < total && (c.maxConcurrency == 0 || c.running < c.maxConcurrency);
  }

  /**
   * Redrive of the state {@code p} is at (blocked): each child that did not succeed (failed, aborted,
   * or still waiting when the execution was stopped or timed out) runs again from the state it was
   * at; children never started are started as the limit allows; the state goes on when they are done.
   * A child that fails the state again stops the re-running: the children after it stay as they were.
   *
   * <p>TODO(map runs): a DISTRIBUTED Map whose iterations are child executions redrives its map run
   * here (AWS writes MapRunRedriven and restarts the unsuccessful child executions); today its
   * iterations are frames like an inline Map's and are re-run the same way.
   */
  void redrive(Frame p, long after) {
    Children c = p.children;
    c.stateFailed = false;
    c.error = null;
    c.cause = null;
    List<Frame> again = new ArrayList<>();
    for (Frame child : c.frames) {
      if (child.status != Frame.Status.SUCCEEDED) {
        again.add(child);
      }
    }
    c.finished = c.frames.size() - again.size();
    // a child whose start failed (an ItemSelector error) was counted as started but never made
    c.next = c.frames.size();
    c.failed = 0;
    c.running = again.size();
    c.spawning = true;
    try {
      for (Frame child : again) {
        if (c.stateFailed) {
          break;
        }
        ex.redriveFrame(child, after);
      }
    } finally {
      c.spawning = false;
    }
    if (pump(p)) {
      p.phase = Frame.Phase.CHILDREN_DONE;
      ex.resume(p);
    }
  }

  /** A child ended (succeeded or failed). */
  void childEnded(Frame child) {
    Frame p = child.parent;
    Children c = p.children;
    c.running--;
    c.finished++;
    recordChildEnd(p, child);
    if (child.status == Frame.Status.SUCCEEDED) {
      c.outputs[child.index] = child.output;
    } else if (child.status == Frame.Status.FAILED) {
      c.failed++;
      if (!c.stateFailed && failureIsFatal(p)) {
        c.stateFailed = true;
        c.error = child.error;
        c.cause = child.cause;
        abortRunning(p, child);
      }
    }
    if (c.spawning || p.status != Frame.Status.BLOCKED) {
      return;
    }
    if (pump(p)) {
      p.phase = Frame.Phase.CHILDREN_DONE;
      ex.cancelWait(p);
      ex.resume(p);
    }
  }

  /**
   * A child failed and fails the state: aborts every child still running. AWS links each abort
   * event to the failure that caused it (the failed child's latest event, which the parent's
   * latest event is now).
   */
  protected void abortRunning(Frame p, Frame failed) {
    long cause = p.lastEventId;
    for (Frame c : p.children.frames) {
      if (!c.terminal()) {
        abort(c, cause);
      }
    }
  }

  /**
   * Aborts a running frame and everything it runs: a StateAborted event (without details) for the
   * state it had entered, and MapIterationAborted for an iteration of an inline Map, each
   * following the event {@code cause}. A child that was started but had not entered a state yet
   * writes no StateAborted event.
   */
  void abort(Frame f, long cause) {
    if (f.children != null) {
      for (Frame c : f.children.frames) {
        if (!c.terminal()) {
          abort(c, cause);
        }
      }
    }
    ex.cancelTask(f);
    ex.cancelWait(f);
    f.status = Frame.Status.ABORTED;
    f.lastEventId = cause;
    if (f.enteredEventId != 0) {
      ex.emitWithoutAdvancing(f, f.state().typeName() + "StateAborted", null, null);
    }
    if (f.parent != null && f.parent.state() instanceof MapState m && m.mode() == MapState.ProcessorMode.INLINE) {
      ObjectNode details = Json.object();
      details.put("index", f.index);
      details.put("name", m.name());
      ex.emitWithoutAdvancing(f, "MapIterationAborted", "mapIterationAbortedEventDetails", details);
    }
  }
}
