package dev.nestflow.core.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nestflow.core.history.History;
import dev.nestflow.core.states.State;
import dev.nestflow.core.states.StateMachine;
import java.time.Instant;
import java.util.Map;

/**
 * One running program: the whole state machine, a Parallel branch or a Map iteration. A frame is
 * at one state at a time and moves through that state's phases; it blocks on a timer, a task or its
 * child frames, and ends succeeded (with output) or failed (with error and cause). What only a Task
 * needs is in {@link TaskWait}, what only a Parallel or Map needs in {@link Children}.
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
  /** The timer or task the frame is blocked on (null when it is not). */
  String waitKey;
  /** Numbers the heartbeat timers of the frame's tasks (part of their keys, so never reset). */
  int keyCounter;
  /** The execution-wide sequence {@link #newKey} draws from (shared by every frame of an execution). */
  final long[] keySequence;

  /** The frame's latest task (null before its first): what it waits on, or how it ended. */
  TaskWait task;
  /** The branches or iterations of the Parallel or Map state the frame is at (null before one). */
  Children children;
  /** The map run a distributed Map state of this frame started last (null before one): a plain value. */
  String mapRunArn;
  /** How many times that map run was redriven (MapRunRedriven's redriveCount). */
  int mapRunRedrives;

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
