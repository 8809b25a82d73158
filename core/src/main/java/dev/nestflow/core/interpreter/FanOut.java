package dev.nestflow.core.interpreter;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.json.Json;

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
    for (com.fasterxml.jackson.databind.JsonNode out : f.childOutputs) {
      result.add(out);
    }
    return result;
  }

  protected void resetChildren(Frame p, int count) {
    p.children.clear();
    p.childOutputs = new com.fasterxml.jackson.databind.JsonNode[count];
    p.nextChild = 0;
    p.runningChildren = 0;
    p.finishedChildren = 0;
    p.failedChildren = 0;
    p.childFailed = false;
    p.childError = null;
    p.childCause = null;
  }

  /**
   * Starts children while the concurrency limit allows. Returns true when the state can go on:
   * every child has ended, or one failure decided the outcome.
   */
  protected boolean pump(Frame p) {
    int total = total(p);
    p.spawning = true;
    try {
      while (!p.childFailed && p.nextChild < total && (p.maxConcurrency == 0 || p.runningChildren < p.maxConcurrency)) {
        Frame child = startChild(p, p.nextChild++);
        p.children.add(child);
        p.runningChildren++;
        ex.run(child);
      }
    } finally {
      p.spawning = false;
    }
    return p.childFailed || p.finishedChildren == total;
  }

  /** A child ended (succeeded or failed). */
  void childEnded(Frame child) {
    Frame p = child.parent;
    p.runningChildren--;
    p.finishedChildren++;
    recordChildEnd(p, child);
    if (child.status == Frame.Status.SUCCEEDED) {
      p.childOutputs[child.index] = child.output;
    } else if (child.status == Frame.Status.FAILED) {
      p.failedChildren++;
      if (!p.childFailed && failureIsFatal(p)) {
        p.childFailed = true;
        p.childError = child.error;
        p.childCause = child.cause;
        abortRunning(p);
      }
    }
    if (p.spawning || p.status != Frame.Status.BLOCKED) {
      return;
    }
    if (pump(p)) {
      p.phase = Frame.Phase.CHILDREN_DONE;
      ex.cancelWait(p);
      ex.resume(p);
    }
  }

  /** Aborts every child still running, writing a StateAborted event for the state each was in. */
  protected void abortRunning(Frame p) {
    for (Frame c : p.children) {
      if (!c.terminal()) {
        abort(c);
      }
    }
  }

  void abort(Frame f) {
    for (Frame c : f.children) {
      if (!c.terminal()) {
        abort(c);
      }
    }
    ex.cancelTask(f);
    ex.cancelWait(f);
    f.status = Frame.Status.ABORTED;
    ObjectNode details = Json.object();
    details.put("name", f.stateName);
    ex.emit(f, f.state().typeName() + "StateAborted", "stateExitedEventDetails", details, true);
  }
}
