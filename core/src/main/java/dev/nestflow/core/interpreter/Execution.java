package dev.nestflow.core.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.errors.ErrorNames;
import dev.nestflow.core.errors.StatesException;
import dev.nestflow.core.history.History;
import dev.nestflow.core.history.HistoryEvent;
import dev.nestflow.core.json.Json;
import dev.nestflow.core.states.Catcher;
import dev.nestflow.core.states.ChoiceState;
import dev.nestflow.core.states.FailState;
import dev.nestflow.core.states.MapState;
import dev.nestflow.core.states.ParallelState;
import dev.nestflow.core.states.PassState;
import dev.nestflow.core.states.Retrier;
import dev.nestflow.core.states.State;
import dev.nestflow.core.states.StateMachine;
import dev.nestflow.core.states.SucceedState;
import dev.nestflow.core.states.TaskState;
import dev.nestflow.core.states.WaitState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One execution of a state machine, advanced by the pure step function {@link #start} /
 * {@link #deliver}: each call runs every state that needs nothing from outside, appends the history
 * events, and returns the effects (timers, tasks, completion) the caller must carry out. No clock,
 * randomness or I/O inside: the time comes with each call, randomness from the {@link Environment}.
 */
public final class Execution {
  /** AWS's payload limit: 256 KiB of UTF-8 for any state input, output or task result. */
  public static final int MAX_PAYLOAD_BYTES = 262_144;

  /**
   * AWS's hard quota of events in a Standard execution's history. When the event numbered this
   * would be anything but ExecutionSucceeded, AWS writes ExecutionFailed as that event instead
   * (error {@link ErrorNames#RUNTIME}, cause {@link #HISTORY_LIMIT_CAUSE}). Express executions have
   * no such history; a distributed Map's iterations are child executions with histories of their own.
   */
  public static final int MAX_HISTORY_EVENTS = 25_000;

  /** The cause AWS records when a Standard execution reaches {@link #MAX_HISTORY_EVENTS}. */
  public static final String HISTORY_LIMIT_CAUSE =
      "The execution reached the maximum number of history events (" + MAX_HISTORY_EVENTS + ").";

  private final StateMachine definition;
  private final ExecutionIdentity identity;
  private final JsonNode input;
  private final String inputText;
  private final Environment env;
  private final History history;
  final Frame root;
  final Map<String, Frame> waiting = new HashMap<>();
  /** Timers of waiting tasks' TimeoutSeconds and HeartbeatSeconds, by timer key. */
  final Map<String, Frame> taskTimers = new HashMap<>();
  private final List<Effect> effects = new ArrayList<>();
  /** Started events of tasks scheduled during the current step, written when the step is done. */
  private final List<DeferredStart> deferredStarts = new ArrayList<>();
  private final StateRunners runners;
  /** Whether the history limit applies (Standard executions only). */
  private final boolean historyLimited;
  /** Set once the history limit ended the execution: nothing more is written to its history. */
  boolean historyFull;
  Instant now;
  String executionTimeoutKey;
  private JsonNode lastPayload;
  private String lastPayloadText;

  private Inspector inspector = Inspector.NONE;
  private ObjectNode contextOverride;

  ExecutionStatus status = ExecutionStatus.NOT_STARTED;
  /** How many times the execution was redriven ({@link Signal.Redrive}), and when last (null before). */
  int redriveCount;
  Instant redriveTime;
  JsonNode output;
  String error;
  String cause;

  public Execution(StateMachine definition, ExecutionIdentity identity, JsonNode input, String inputText, Environment env) {
    this(definition, identity, input, inputText, env, History.recording());
  }

  /** An execution whose history is {@code history} (one resumed by {@link ExecutionSnapshot#restore}). */
  Execution(StateMachine definition, ExecutionIdentity identity, JsonNode input, String inputText, Environment env,
      History history) {
    this.history = history;
    this.definition = definition;
    this.identity = identity;
    this.input = input;
    this.inputText = inputText == null ? Json.write(input) : inputText;
    this.env = env;
    this.root = new Frame("x", definition, null, 0, history, new HashMap<>());
    this.runners = new StateRunners(this);
    this.historyLimited = !identity.express();
  }

  /** Reports what the states do to {@code inspector} (TestState); call before {@link #start}. */
  public Execution inspect(Inspector inspector) {
    this.inspector = inspector == null ? Inspector.NONE : inspector;
    return this;
  }

  /**
   * Starts with variables already in scope and a context object whose top-level fields {@code
   * context} replaces (TestState's {@code variables} and {@code context}); call before {@link #start}.
   */
  public Execution presetting(Map<String, JsonNode> variables, ObjectNode context) {
    root.variables.putAll(variables);
    this.contextOverride = context;
    return this;
  }

  /** Starts the execution at {@code now}: writes ExecutionStarted and runs as far as it can. */
  public List<Effect> start(Instant now) {
    if (status != ExecutionStatus.NOT_STARTED) {
      throw new IllegalStateException("execution already started");
    }
    this.now = now;
    status = ExecutionStatus.RUNNING;
    ObjectNode details = Json.object();
    details.put("input", inputText);
    details.putObject("inputDetails").put("truncated", false);
    details.put("roleArn", identity.roleArn());
    root.lastEventId = 0;
    history.append(0, now, "ExecutionStarted", "executionStartedEventDetails", details);
    if (definition.timeoutSeconds() != null) {
      executionTimeoutKey = "execution#timeout";
      effects.add(new Effect.ScheduleTimer(executionTimeoutKey, now.plusSeconds(definition.timeoutSeconds())));
    }
    root.stateInput = input;
    run(root);
    return drainEffects();
  }

  /**
   * Hands a signal to the execution at {@code now}; signals for finished work are ignored. Time
   * never goes back within an execution: a signal applied at a time before the previous one's (the
   * clocks of the machines that apply them disagree a little) is applied at the previous time, so
   * that the history's timestamps never decrease.
   */
  public List<Effect> deliver(Signal signal, Instant now) {
    this.now = this.now != null && now.isBefore(this.now) ? this.now : now;
    if (signal instanceof Signal.Redrive) {
      if (redrivable()) {
        redrive();
      }
      return drainEffects();
    }
    if (status != ExecutionStatus.RUNNING) {
      return List.of();
    }
    if (signal instanceof Signal.Stop stop) {
      abort(stop.error(), stop.cause());
    } else if (signal instanceof Signal.TimerFired t) {
      timerFired(t.key());
    } else if (signal instanceof Signal.TaskSignal t) {
      Frame f = waiting.get(t.key());
      if (f != null && f.task != null) {
        if (t instanceof Signal.TaskAnswer) {
          waiting.remove(t.key());
        }
        taskSignal(f, t);
      }
    }
    return drainEffects();
  }

  /**
   * Whether the execution still reacts to {@code signal}: a signal about a task only while that
   * task waits; timers and stops always (a late timer changes nothing, but that cannot be told
   * from outside).
   */
  public boolean awaits(Signal signal) {
    return !(signal instanceof Signal.TaskSignal t) || isWaitingOn(t.key());
  }

  /**
   * Whether {@code signal} is certainly not one this execution has applied already, told from its
   * state alone (keys are never used twice): an answer or a timer it still waits for, the first
   * submission or start of a task it waits on, a stop while it runs. False says nothing either way
   * (a heartbeat, a late timer): a runtime that holds only a recent part of the log looks further
   * back before it records such a signal.
   */
  public boolean isNew(Signal signal) {
    if (status != ExecutionStatus.RUNNING) {
      return false;
    }
    if (signal instanceof Signal.Stop) {
      return true;
    }
    if (signal instanceof Signal.TimerFired t) {
      return waiting.containsKey(t.key()) || taskTimers.containsKey(t.key()) || t.key().equals(executionTimeoutKey);
    }
    if (signal instanceof Signal.TaskSignal t) {
      Frame f = waiting.get(t.key());
      if (f == null || f.task == null) {
        return false;
      }
      if (t instanceof Signal.TaskAnswer) {
        return true;
      }
      if (t instanceof Signal.TaskSubmitted) {
        return !f.task.submitted;
      }
      return t instanceof Signal.TaskStarted && !f.task.started;
    }
    return false;
  }

  /** Whether the task awaited under {@code key} has been submitted (its TaskSubmitted applied). */
  public boolean isSubmitted(String key) {
    Frame f = waiting.get(key);
    return f != null && f.task != null && f.task.submitted;
  }

  /**
   * Whether a redrive would run the execution again: it ended FAILED, TIMED_OUT or ABORTED, and not
   * at the history limit (AWS refuses to redrive an execution whose history is full).
   */
  public boolean redrivable() {
    return status.isClosed() && status != ExecutionStatus.SUCCEEDED && !historyFull;
  }

  /**
   * RedriveExecution, as AWS does it: ExecutionRedriven (with the new redriveCount) follows the
   * closing event, the execution-level TimeoutSeconds starts again, and every frame that did not
   * succeed goes on from the state it was at, with its Retry counters back at 0: that state runs
   * again from its start (its StateEntered event stays the one written before), and a Parallel or
   * Map runs again only its branches or iterations that did not succeed (and starts those it never
   * started). Whatever succeeded keeps its output and is not run again.
   */
  private void redrive() {
    redriveCount++;
    redriveTime = now;
    status = ExecutionStatus.RUNNING;
    output = null;
    error = null;
    cause = null;
    root.lastEventId = history.lastId();
    long redriven = emit(root, "ExecutionRedriven", "executionRedrivenEventDetails",
        Json.object().put("redriveCount", redriveCount));
    if (definition.timeoutSeconds() != null) {
      // a new key: a timer of the first attempt that fires late changes nothing
      executionTimeoutKey = "execution#timeout#redrive" + redriveCount;
      effects.add(new Effect.ScheduleTimer(executionTimeoutKey, now.plusSeconds(definition.timeoutSeconds())));
    }
    redriveFrame(root, redriven);
  }

  /**
   * Runs the frame {@code f} (which did not succeed) again from the state it is at; its next event
   * follows the event {@code after}. A Parallel or Map that started children re-runs only those that
   * did not succeed (see {@link FanOut#redrive}); a distributed Map redrives its map run, unless
   * the map run failed reading its items (it never started a child: as on AWS, the Map starts a new
   * map run, which reads them again); any other state runs again from its start.
   */
  void redriveFrame(Frame f, long after) {
    State s = f.state();
    f.lastEventId = after;
    f.retryAttempts = new int[s.common().retry().size()];
    f.retryCount = 0;
    f.waitKey = null;
    if (s instanceof MapState && f.mapRunArn != null && f.phase == Frame.Phase.TASK_DONE && f.task != null
        && f.task.error != null && !ErrorNames.ITEM_READER_FAILED.equals(f.task.error)) {
      redriveMapRun(f);
      return;
    }
    if ((s instanceof ParallelState || s instanceof MapState) && f.children != null) {
      f.status = Frame.Status.BLOCKED;
      try {
        runners.redriveChildren(f, after);
      } catch (StatesException e) {
        // starting a child failed (a Map's ItemSelector on an item), as it can when the state first runs
        runners.abortChildren(f);
        f.status = Frame.Status.RUNNING;
        failState(f, s, e.error(), describe(f, s, e));
      }
      return;
    }
    f.status = Frame.Status.RUNNING;
    if (f.phase != Frame.Phase.ENTER) {
      f.phase = Frame.Phase.EXECUTE;
    }
    run(f);
  }

  /**
   * A distributed Map whose map run failed: the map run is redriven (AWS writes MapRunRedriven and
   * counts the map run's redrives), re-running only its children that did not succeed, and the Map
   * waits on its answer under a new key (an answer of the first attempt changes nothing).
   */
  private void redriveMapRun(Frame f) {
    f.mapRunRedrives++;
    emit(f, "MapRunRedriven", "mapRunRedrivenEventDetails",
        Json.object().put("mapRunArn", f.mapRunArn).put("redriveCount", f.mapRunRedrives));
    f.task = new TaskWait();
    f.status = Frame.Status.BLOCKED;
    f.waitKey = f.newKey("mapRun");
    waiting.put(f.waitKey, f);
    effects.add(new Effect.RedriveMapRun(f.waitKey, f.mapRunArn, f.mapRunRedrives));
  }

  private void timerFired(String key) {
    Frame f = taskTimers.remove(key);
    if (f != null) {
      if (f.status == Frame.Status.BLOCKED && f.waitKey != null && waiting.remove(f.waitKey) != null) {
        f.task.heartbeatMissed = key.equals(f.task.heartbeatKey);
        cancelTaskTimers(f);
        f.task.timedOut = true;
        answer(f, null, ErrorNames.TIMEOUT, null);
      }
    } else if (key.equals(executionTimeoutKey)) {
      timeOut();
    } else {
      Frame timed = waiting.remove(key);
      if (timed != null && timed.status == Frame.Status.BLOCKED) {
        resume(timed);
      }
    }
  }

  /** A signal for the task frame {@code f} waits on (an answer has already ended the wait). */
  private void taskSignal(Frame f, Signal.TaskSignal signal) {
    if (signal instanceof Signal.TaskSubmitted s) {
      f.task.submitted = true;
      runners.taskSubmitted(f, s.output());
    } else if (signal instanceof Signal.TaskStarted s) {
      f.task.started = true;
      runners.taskStarted(f, s.workerName());
    } else if (signal instanceof Signal.Heartbeat) {
      if (f.task.heartbeatKey != null) {
        taskTimers.remove(f.task.heartbeatKey);
        scheduleHeartbeat(f);
      }
    } else if (signal instanceof Signal.TaskSucceeded s) {
      cancelTaskTimers(f);
      answer(f, s.output(), null, null);
    } else if (signal instanceof Signal.TaskFailed s) {
      cancelTaskTimers(f);
      answer(f, null, s.error() == null ? "" : s.error(), s.cause());
    }
  }

  /** The awaited task answered (or timed out): the state goes on with its result or error. */
  private void answer(Frame f, JsonNode result, String err, String errCause) {
    f.task.result = result;
    f.task.error = err;
    f.task.cause = errCause;
    resume(f);
  }

  private List<Effect> drainEffects() {
    writeDeferredStarts();
    List<Effect> out = List.copyOf(effects);
    effects.clear();
    return out;
  }

  // ---------------------------------------------------------------- the run loop

  /** Runs a frame until it blocks or ends. */
  void run(Frame f) {
    while (f.status == Frame.Status.RUNNING && status == ExecutionStatus.RUNNING) {
      State s = f.state();
      try {
        switch (f.phase) {
          case ENTER -> enter(f, s);
          case EXECUTE, RETRY, WAIT_DONE, TASK_DONE, CHILDREN_DONE -> runners.execute(f, s);
        }
      } catch (StatesException e) {
        String errCause = describe(f, s, e);
        if (e instanceof QueryEvaluationFailed q) {
          evaluationFailed(f, s, q, errCause);
        }
        failState(f, s, e.error(), errCause);
      }
    }
  }

  private void enter(Frame f, State s) {
    f.enteredTime = now;
    ObjectNode details = Json.object();
    details.put("name", s.name());
    HistoryEvent.payloadText(details, "input", text(f.stateInput));
    f.enteredPreviousEventId = f.lastEventId;
    f.enteredEventId = emit(f, s.typeName() + "StateEntered", "stateEnteredEventDetails", details);
    f.retryAttempts = new int[s.common().retry().size()];
    f.retryCount = 0;
    // a Parallel or Map state starts its children afresh; a redrive must not mistake an earlier state's for them
    f.children = null;
    f.phase = Frame.Phase.EXECUTE;
  }

  /**
   * Writes EvaluationFailed for a JSONata field that could not be evaluated (and, for Map and
   * Parallel states that will not retry, their StateFailed event). AWS links it to the event before
   * the state was entered, except in a Wait state, where it follows the StateEntered event.
   */
  private void evaluationFailed(Frame f, State s, QueryEvaluationFailed q, String errCause) {
    ObjectNode details = HistoryEvent.errorAndCause(Json.object(), q.error(), errCause);
    if (q.location() != null) {
      details.put("location", q.location());
    }
    details.put("state", s.name());
    f.lastEventId = s instanceof WaitState ? f.enteredEventId : f.enteredPreviousEventId;
    emit(f, "EvaluationFailed", "evaluationFailedEventDetails", details);
    if ((s instanceof MapState || s instanceof ParallelState) && !willRetry(f, s, q.error())) {
      emit(f, s.typeName() + "StateFailed", null, null);
    }
  }

  /**
   * Writes a task's started event (TaskStarted, LambdaFunctionStarted) once the current step is
   * done. AWS reports the start of a service or Lambda call asynchronously: every state the step
   * runs (all iterations a Map starts at once, each scheduling its task) is written first, and the
   * started events follow in the order the tasks were scheduled. A task no longer awaited by then
   * gets none.
   */
  void emitStartedAfterStep(Frame f, String taskKey, String type, String detailsKey, ObjectNode details) {
    deferredStarts.add(new DeferredStart(f, taskKey, type, detailsKey, details));
  }

  private record DeferredStart(Frame frame, String taskKey, String type, String detailsKey, ObjectNode details) {}

  private void writeDeferredStarts() {
    for (DeferredStart d : deferredStarts) {
      if (waiting.get(d.taskKey()) == d.frame() && d.frame().status == Frame.Status.BLOCKED) {
        emit(d.frame(), d.type(), d.detailsKey(), d.details());
      }
    }
    deferredStarts.clear();
  }

  /** Adds an event to the frame's history, following its latest event, and makes it the latest. */
  long emit(Frame f, String type, String detailsKey, ObjectNode details) {
    long id = emitWithoutAdvancing(f, type, detailsKey, details);
    f.lastEventId = id;
    return id;
  }

  /**
   * Adds an event that follows the frame's latest event but does not become the latest: the
   * frame's next event follows the same one (an abort beside a failure, a state's success whose
   * exit follows the children's last event).
   */
  long emitWithoutAdvancing(Frame f, String type, String detailsKey, ObjectNode details) {
    if (f.history == history && historyLimited) {
      if (historyFull) {
        return history.lastId();
      }
      if (history.lastId() >= MAX_HISTORY_EVENTS - 1 && !"ExecutionSucceeded".equals(type)) {
        failAtHistoryLimit();
        return history.lastId();
      }
    }
    return f.history.append(f.lastEventId, now, type, detailsKey, details);
  }

  /**
   * The execution's next event would be its {@link #MAX_HISTORY_EVENTS}th and does not end it
   * successfully: as AWS does, that event is ExecutionFailed (following the latest event), tasks
   * started earlier are abandoned, and tasks scheduled in this step are never started.
   */
  private void failAtHistoryLimit() {
    historyFull = true;
    java.util.Set<String> unstarted = new java.util.HashSet<>();
    effects.removeIf(e -> e instanceof Effect.InvokeTask t && unstarted.add(t.key())
        || e instanceof Effect.StartMapRun m && unstarted.add(m.key()));
    for (Frame f : new ArrayList<>(waiting.values())) {
      if (!unstarted.contains(f.waitKey)) {
        cancelTask(f);
      }
    }
    history.append(history.lastId(), now, "ExecutionFailed", "executionFailedEventDetails",
        HistoryEvent.errorAndCause(Json.object(), ErrorNames.RUNTIME, HISTORY_LIMIT_CAUSE));
    close(ExecutionStatus.FAILED, null, ErrorNames.RUNTIME, HISTORY_LIMIT_CAUSE);
  }

  /** AWS prefixes runtime errors raised while evaluating a state with where they happened. */
  private String describe(Frame f, State s, StatesException e) {
    String error = e.error();
    if (ErrorNames.RUNTIME.equals(error) || ErrorNames.QUERY_EVALUATION_ERROR.equals(error)) {
      return "An error occurred while executing the state '" + s.name() + "' (entered at the event id #"
          + f.enteredEventId + "). " + (e.cause() == null ? "" : e.cause());
    }
    return e.cause();
  }

  // ---------------------------------------------------------------- leaving a state

  /** The state finished with {@code output}: write StateExited and move to Next (or end the frame). */
  void exitState(Frame f, State s, JsonNode stateOutput, String next) {
    exitState(f, s, stateOutput, next, Variables.NONE);
  }

  /**
   * The state finished with {@code output} and assigns {@code assigned}: write StateExited (with the
   * assigned variables), commit the variables and move to Next (or end the frame).
   */
  void exitState(Frame f, State s, JsonNode stateOutput, String next, Map<String, JsonNode> assigned) {
    String outputText = text(stateOutput);
    checkPayloadText(s, outputText);
    ObjectNode details = Json.object();
    details.put("name", s.name());
    HistoryEvent.payloadText(details, "output", outputText);
    Variables.describe(details, assigned);
    emit(f, s.typeName() + "StateExited", "stateExitedEventDetails", details);
    Variables.commit(f, assigned);
    inspector.exited(s.name(), stateOutput, next, assigned);
    if (next == null) {
      f.output = stateOutput;
      f.status = Frame.Status.SUCCEEDED;
      frameEnded(f);
    } else {
      f.stateName = next;
      f.stateInput = stateOutput;
      f.phase = Frame.Phase.ENTER;
    }
  }

  String nextOf(State s) {
    return s instanceof SucceedState || s.common().end() ? null : s.common().next();
  }

  void checkPayload(State s, JsonNode value) {
    if (value != null) {
      checkPayloadText(s, text(value));
    }
  }

  /**
   * The compact JSON text of a payload. The text of the latest payload is kept: a state's output
   * is the next state's input, so its text serves the size check, StateExited and StateEntered.
   * (Values are never mutated once made, so the same node always has the same text.)
   */
  String text(JsonNode value) {
    if (value != lastPayload || lastPayloadText == null) {
      lastPayloadText = Json.write(value);
      lastPayload = value;
    }
    return lastPayloadText;
  }

  private void checkPayloadText(State s, String text) {
    // a UTF-8 encoding has at least as many bytes as the text has chars, and at most three per char
    if (text.length() * 3 > MAX_PAYLOAD_BYTES && Json.utf8Length(text) > MAX_PAYLOAD_BYTES) {
      throw new StatesException(
          ErrorNames.DATA_LIMIT_EXCEEDED,
          "The state/task '" + s.name() + "' returned a result with a size exceeding the maximum number of bytes service limit.");
    }
  }

  /**
   * The state failed with an error: retry it, catch it, or fail the frame. Events the failure
   * itself writes (TaskFailed, MapStateFailed...) are written by the caller first.
   */
  void failState(Frame f, State s, String err, String errCause) {
    if (ErrorMatching.isTerminal(err) || !retriedOrCaught(f, s, err, errCause)) {
      failUnhandled(f, s, err, errCause);
    }
  }

  /**
   * As {@link #failState(Frame, State, String, String)}, but Retry and Catch apply whatever the
   * error's name: a task result over the payload limit is reported as the task's failure and, as
   * AWS does, can be retried and caught although its name is States.DataLimitExceeded.
   */
  void failStateCatchable(Frame f, State s, String err, String errCause) {
    if (!retriedOrCaught(f, s, err, errCause)) {
      failUnhandled(f, s, err, errCause);
    }
  }

  /** Applies the first Retrier (with attempts left) or Catcher that matches; false when none does. */
  private boolean retriedOrCaught(Frame f, State s, String err, String errCause) {
    List<Retrier> retriers = s.common().retry();
    for (int i = 0; i < retriers.size(); i++) {
      Retrier r = retriers.get(i);
      if (ErrorMatching.matches(r.errorEquals(), err, heartbeatMissed(f))) {
        if (f.retryAttempts[i] >= r.maxAttempts()) {
          break;
        }
        double delay = r.intervalSeconds() * Math.pow(r.backoffRate(), f.retryAttempts[i]);
        if (r.maxDelaySeconds() != null) {
          delay = Math.min(delay, r.maxDelaySeconds());
        }
        if (r.jitterStrategy() == Retrier.JitterStrategy.FULL) {
          delay = env.random().nextDouble() * delay;
        }
        f.retryAttempts[i]++;
        f.retryCount++;
        f.children = null;
        f.phase = Frame.Phase.RETRY;
        long millis = Math.round(delay * 1000);
        inspector.retrying(s.name(), i, millis);
        if (millis > 0) {
          block(f, f.newKey("retry"), now.plusMillis(millis));
        }
        return true;
      }
    }
    List<Catcher> catchers = s.common().catchers();
    for (int i = 0; i < catchers.size(); i++) {
      Catcher c = catchers.get(i);
      if (ErrorMatching.matches(c.errorEquals(), err, heartbeatMissed(f))) {
        inspector.caught(s.name(), i, err, errCause);
        ObjectNode errorOutput = Json.object();
        errorOutput.put("Error", err);
        // a task that timed out has no cause; its catcher sees an empty one, as AWS shows it
        errorOutput.put("Cause", errCause == null && f.task != null && f.task.timedOut ? "" : errCause);
        InputOutput.Caught caught;
        try {
          caught = InputOutput.of(s).caught(new Evaluation(this, f, s), c, errorOutput);
        } catch (StatesException e) {
          String failedCause = describe(f, s, e);
          if (e instanceof QueryEvaluationFailed q) {
            evaluationFailed(f, s, q, failedCause);
          }
          endFailed(f, e.error(), failedCause);
          return true;
        }
        exitState(f, s, caught.output(), c.next(), caught.assigned());
        return true;
      }
    }
    return false;
  }

  /** Whether the frame's latest task timed out for a missed heartbeat (States.HeartbeatTimeout matches). */
  private static boolean heartbeatMissed(Frame f) {
    return f.task != null && f.task.heartbeatMissed;
  }

  /** No Retrier or Catcher handles the error: the frame fails. */
  private void failUnhandled(Frame f, State s, String err, String errCause) {
    if (s instanceof TaskState && f.parent != null && f.parent.state() instanceof ParallelState) {
      // a branch's task that fails uncaught is aborted with its branch, after its failure event;
      // the Parallel state's failure follows that failure event, not the abort
      emitWithoutAdvancing(f, "TaskStateAborted", null, null);
    }
    endFailed(f, err, errCause);
  }

  private void endFailed(Frame f, String err, String errCause) {
    f.error = err;
    f.cause = errCause;
    f.status = Frame.Status.FAILED;
    frameEnded(f);
  }

  /** Whether {@link #failState} would retry the state for this error (nothing is changed). */
  boolean willRetry(Frame f, State s, String err) {
    if (ErrorMatching.isTerminal(err)) {
      return false;
    }
    List<Retrier> retriers = s.common().retry();
    for (int i = 0; i < retriers.size(); i++) {
      if (ErrorMatching.matches(retriers.get(i).errorEquals(), err, heartbeatMissed(f))) {
        return f.retryAttempts[i] < retriers.get(i).maxAttempts();
      }
    }
    return false;
  }

  /** Blocks the frame until the timer {@code key} fires. */
  void block(Frame f, String key, Instant dueAt) {
    f.status = Frame.Status.BLOCKED;
    if (status.isClosed()) {
      return; // the history limit ended the execution while this state ran
    }
    f.waitKey = key;
    waiting.put(key, f);
    effects.add(new Effect.ScheduleTimer(key, dueAt));
  }

  /**
   * Blocks the frame until the task {@code key} answers, or its TimeoutSeconds or HeartbeatSeconds
   * run out first (then the task times out with States.Timeout).
   */
  void blockOnTask(Frame f, Effect.InvokeTask task) {
    f.status = Frame.Status.BLOCKED;
    if (status.isClosed()) {
      return; // the history limit ended the execution while this state ran: the task never starts
    }
    f.waitKey = task.key();
    waiting.put(task.key(), f);
    effects.add(task);
    if (task.timeoutSeconds() != null) {
      f.task.timeoutKey = task.key() + "#timeout";
      taskTimers.put(f.task.timeoutKey, f);
      effects.add(new Effect.ScheduleTimer(f.task.timeoutKey, now.plusSeconds(task.timeoutSeconds())));
    }
    f.task.heartbeatSeconds = task.heartbeatSeconds();
    if (f.task.heartbeatSeconds != null) {
      scheduleHeartbeat(f);
    }
  }

  /** Blocks the distributed Map frame until its map run answers under the effect's key. */
  void blockOnMapRun(Frame f, Effect.StartMapRun run) {
    f.status = Frame.Status.BLOCKED;
    if (status.isClosed()) {
      return;
    }
    f.waitKey = run.key();
    waiting.put(run.key(), f);
    effects.add(run);
  }

  private void scheduleHeartbeat(Frame f) {
    f.task.heartbeatKey = f.waitKey + "#heartbeat" + (++f.keyCounter);
    taskTimers.put(f.task.heartbeatKey, f);
    effects.add(new Effect.ScheduleTimer(f.task.heartbeatKey, now.plusSeconds(f.task.heartbeatSeconds)));
  }

  private void cancelTaskTimers(Frame f) {
    TaskWait t = f.task;
    if (t == null) {
      return;
    }
    if (t.timeoutKey != null) {
      taskTimers.remove(t.timeoutKey);
      t.timeoutKey = null;
    }
    if (t.heartbeatKey != null) {
      taskTimers.remove(t.heartbeatKey);
      t.heartbeatKey = null;
    }
  }

  // ---------------------------------------------------------------- frames ending

  private void frameEnded(Frame f) {
    if (f.parent == null) {
      if (f.status == Frame.Status.SUCCEEDED) {
        ObjectNode details = Json.object();
        HistoryEvent.payload(details, "output", f.output);
        emit(f, "ExecutionSucceeded", "executionSucceededEventDetails", details);
        close(ExecutionStatus.SUCCEEDED, f.output, null, null);
      } else if (f.status == Frame.Status.FAILED) {
        emit(f, "ExecutionFailed", "executionFailedEventDetails", HistoryEvent.errorAndCause(Json.object(), f.error, f.cause));
        close(ExecutionStatus.FAILED, null, f.error, f.cause);
      }
      return;
    }
    runners.childEnded(f);
  }

  private void close(ExecutionStatus finalStatus, JsonNode out, String err, String errCause) {
    if (status.isClosed()) {
      return; // the history limit ended it while the step that would have ended it was running
    }
    status = finalStatus;
    output = out;
    error = err;
    cause = errCause;
    waiting.clear();
    taskTimers.clear();
    effects.add(new Effect.CompleteExecution(finalStatus, out, err, errCause));
  }

  private void timeOut() {
    emit(root, "ExecutionTimedOut", "executionTimedOutEventDetails",
        HistoryEvent.errorAndCause(Json.object(), ErrorNames.TIMEOUT, null));
    close(ExecutionStatus.TIMED_OUT, null, ErrorNames.TIMEOUT, null);
  }

  private void abort(String err, String errCause) {
    for (Frame f : new java.util.ArrayList<>(waiting.values())) {
      cancelTask(f);
    }
    ObjectNode details = HistoryEvent.errorAndCause(Json.object(), err, errCause);
    // AWS writes ExecutionAborted without a predecessor
    root.lastEventId = 0;
    emit(root, "ExecutionAborted", "executionAbortedEventDetails", details);
    close(ExecutionStatus.ABORTED, null, err, errCause);
  }

  /**
   * If the frame waits on a task, tells the outside world the task is abandoned; if it waits on a
   * map run, writes MapRunAborted and has the map run aborted with its children.
   */
  void cancelTask(Frame f) {
    if (f.status == Frame.Status.BLOCKED && f.phase == Frame.Phase.TASK_DONE && f.waitKey != null) {
      if (f.state() instanceof TaskState t) {
        effects.add(new Effect.CancelTask(f.waitKey, t.resource(), f.taskInput));
      } else if (f.state() instanceof MapState && f.mapRunArn != null) {
        emitWithoutAdvancing(f, "MapRunAborted", null, null);
        effects.add(new Effect.StopMapRun(f.waitKey, f.mapRunArn));
      }
    }
  }

  /** Continues a blocked frame: its wait is over (called when the frame is not already running). */
  void resume(Frame f) {
    f.status = Frame.Status.RUNNING;
    run(f);
  }

  void cancelWait(Frame f) {
    if (f.waitKey != null) {
      waiting.remove(f.waitKey);
      f.waitKey = null;
    }
    cancelTaskTimers(f);
  }

  // ---------------------------------------------------------------- accessors

  Instant now() {
    return now;
  }

  /** The execution's state machine. */
  StateMachine definition() {
    return definition;
  }

  Environment env() {
    return env;
  }

  Inspector inspector() {
    return inspector;
  }

  /** Top-level context-object fields given from outside (TestState's {@code context}), or null. */
  ObjectNode contextOverride() {
    return contextOverride;
  }

  ExecutionIdentity identity() {
    return identity;
  }

  JsonNode input() {
    return input;
  }

  History history() {
    return history;
  }

  public ExecutionStatus status() {
    return status;
  }

  /** How many times the execution has been redriven ($$.Execution.RedriveCount). */
  public int redriveCount() {
    return redriveCount;
  }

  /** When the execution was last redriven ($$.Execution.RedriveTime), or null. */
  Instant redriveTime() {
    return redriveTime;
  }

  /** Whether a task or timer with this key is still awaited. */
  public boolean isWaitingOn(String key) {
    return waiting.containsKey(key);
  }

  public boolean isDone() {
    return status.isClosed();
  }

  public ExecutionResult result() {
    return new ExecutionResult(status.name(), output, error, cause, history.snapshot());
  }


}
