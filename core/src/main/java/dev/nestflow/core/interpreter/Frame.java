package dev.nestflow.core.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nestflow.core.history.History;
import dev.nestflow.core.states.State;
import dev.nestflow.core.states.StateMachine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One running program: the whole state machine, a Parallel branch or a Map iteration. A frame is
 * at one state at a time and moves through that state's phases; it blocks on a timer, a task or its
 * child frames, and ends succeeded (with output) or failed (with error and cause).
 */
final class Frame {
  enum Status {
    RUNNING,
    BLOCKED,
    SUCCEEDED,
    FAILED,
    ABORTED
  }

  enum Phase {
    /** Write the StateEntered event and prepare the state input. */
    ENTER,
    /** Do the state's work (again, after a retry delay). */
    EXECUTE,
    /** A Wait state's timer fired. */
    WAIT_DONE,
    /** A retry delay elapsed. */
    RETRY,
    /** The task this state invoked answered. */
    TASK_DONE,
    /** Every branch or iteration of this Parallel/Map state is done. */
    CHILDREN_DONE
  }

  final String id;
  final StateMachine program;
  final Frame parent;
  final int index;
  final History history;
  /** Variables visible in this frame: the enclosing scopes' plus its own. */
  final Map<String, JsonNode> variables;

  Status status = Status.RUNNING;
  Phase phase = Phase.ENTER;
  String stateName;
  JsonNode stateInput;
  /** The input after InputPath (JSONPath) — what ItemsPath, Parameters and templates read. */
  JsonNode effectiveInput;
  /** The task/iteration input after Parameters, ItemSelector or Arguments. */
  JsonNode taskInput;
  long enteredEventId;
  /** The event the StateEntered event followed. */
  long enteredPreviousEventId;
  Instant enteredTime;
  int[] retryAttempts;
  int retryCount;
  /** Id of the event the next event of this frame follows ({@code previousEventId}). */
  long lastEventId;
  String waitKey;
  int keyCounter;
  /** The execution-wide sequence {@link #newKey} draws from (shared by every frame of an execution). */
  private final long[] keySequence;

  /** Timer keys of the waiting task's TimeoutSeconds and HeartbeatSeconds (null when not set). */
  String timeoutKey;
  String heartbeatKey;
  Integer heartbeatSeconds;
  /** The task's timeout or heartbeat expired (the pending error is States.Timeout). */
  boolean timedOut;
  /** The expiry was a missed heartbeat: States.HeartbeatTimeout matches it as well as States.Timeout. */
  boolean heartbeatMissed;
  /**
   * The ActivityScheduled event of the awaited activity task, held back until the runtime accepts
   * the task (null when there is none to write).
   */
  com.fasterxml.jackson.databind.node.ObjectNode unannouncedActivity;

  /** The answer to the state's blocking operation (task result, or error to handle). */
  JsonNode pendingResult;
  String pendingError;
  String pendingCause;

  // Parallel / Map bookkeeping
  final List<Frame> children = new ArrayList<>();
  JsonNode[] childOutputs;
  int nextChild;
  int runningChildren;
  int finishedChildren;
  int failedChildren;
  int maxConcurrency;
  int toleratedFailureCount;
  double toleratedFailurePercentage;
  boolean spawning;
  String childError;
  String childCause;
  boolean childFailed;
  String mapRunArn;
  JsonNode mapItems;

  // Outcome
  JsonNode output;
  String error;
  String cause;

  Frame(String id, StateMachine program, Frame parent, int index, History history, Map<String, JsonNode> variables) {
    this.id = id;
    this.program = program;
    this.parent = parent;
    this.index = index;
    this.history = history;
    this.variables = variables;
    this.stateName = program.startAt();
    this.keySequence = parent == null ? new long[1] : parent.keySequence;
  }

  State state() {
    return program.state(stateName);
  }

  /**
   * A key for a timer or task of this frame, unique in the whole execution: a Parallel or Map run
   * again by its Retry creates new frames, and their tasks must not share keys (or child names
   * derived from them) with the first attempt's.
   */
  String newKey(String kind) {
    return id + "#" + kind + (++keySequence[0]);
  }

  boolean terminal() {
    return status == Status.SUCCEEDED || status == Status.FAILED || status == Status.ABORTED;
  }
}
