package dev.nestflow.infrastructure.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nestflow.core.interpreter.Effect;
import dev.nestflow.core.interpreter.Execution;
import dev.nestflow.core.interpreter.ExecutionResult;
import dev.nestflow.core.interpreter.Signal;
import dev.nestflow.core.interpreter.SignalCodec;
import dev.nestflow.core.json.Json;
import dev.nestflow.infrastructure.queue.MessageQueue;
import dev.nestflow.infrastructure.store.ExecutionRecord;
import dev.nestflow.infrastructure.store.ExecutionStore;
import dev.nestflow.infrastructure.store.SignalEntry;
import dev.nestflow.infrastructure.store.StateMachineRecord;
import dev.nestflow.infrastructure.store.TokenRecord;
import dev.nestflow.infrastructure.tasks.TaskInvoker;
import dev.nestflow.infrastructure.tasks.TaskOutcome;
import dev.nestflow.infrastructure.tasks.TaskRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Optional;

/**
 * The state-advance runtime, the same in a Lambda and in embedded mode: starts executions, applies
 * transition messages (one signal each) with a conditional append to the signal log, and performs
 * the effects of each step (timers as delayed messages, tasks, nested executions, completion).
 *
 * <p>At-least-once delivery is safe: a message whose signal is already in the log re-performs the
 * effects of the step it caused (all idempotent) and changes nothing else; a step that loses the
 * race for the log leaves its message to be delivered again.
 */
public final class ExecutionRuntime {
  private final ExecutionStore store;
  private final MessageQueue transitions;
  private final TaskInvoker tasks;
  private final Clock clock;
  private final Replayer replayer;
  private final NestedExecutions nested;
  private final Activities activities;

  public ExecutionRuntime(ExecutionStore store, MessageQueue transitions, TaskInvoker tasks, Clock clock, TaskTokens tokens) {
    this.store = store;
    this.transitions = transitions;
    this.tasks = tasks;
    this.clock = clock;
    this.replayer = new Replayer(tokens);
    this.nested = new NestedExecutions(this);
    this.activities = new Activities(this, store, tokens);
  }

  /** Activities: CreateActivity, DeleteActivity, GetActivityTask (answers go through {@code sendTask*}). */
  public Activities activities() {
    return activities;
  }

  public ExecutionStore store() {
    return store;
  }

  Clock clock() {
    return clock;
  }

  // ------------------------------------------------------------------ API-level operations

  /** The StartExecution response: the execution's ARN and start time. */
  public record Started(String executionArn, long startMillis) {}

  /**
   * StartExecution: checks the state machine, name and input as AWS does, creates the execution
   * (idempotently: the same name and input while it is still running return the same execution)
   * and enqueues its start.
   */
  public Started startExecution(String stateMachineArn, String name, String inputText) {
    Started started = create(stateMachineArn, name, inputText, null, null, null);
    send(TransitionMessage.start(started.executionArn()), Duration.ZERO);
    return started;
  }

  /**
   * Creates an execution as {@link #startExecution} does, without sending its start: a nested start
   * applies it in the parent's call, after the parent's TaskSubmitted (so that the child's answer can
   * never overtake it).
   */
  Started create(
      String stateMachineArn, String name, String inputText, String parentArn, String parentTaskKey, String parentPattern) {
    StateMachineRecord machine =
        store.stateMachine(stateMachineArn)
            .orElseThrow(() -> new ApiException("StateMachineDoesNotExist", "State Machine Does Not Exist: '" + stateMachineArn + "'"));
    String text = inputText == null ? "{}" : inputText;
    Inputs.parse(text);
    String executionName = name == null ? Ids.uuid() : Names.checkExecutionName(name);
    String arn = Names.executionArn(machine, executionName);
    long now = clock.millis();
    ExecutionRecord record =
        new ExecutionRecord(arn, stateMachineArn, executionName, machine.type(), machine.definition(), text,
            machine.roleArn(), now, Ids.seed(), 0, "RUNNING", null, null, null, null, parentArn, parentTaskKey,
            parentPattern);
    if (!store.create(record)) {
      record = store.execution(arn)
          .filter(existing -> existing.running() && existing.inputText().equals(text))
          .orElseThrow(() -> new ApiException("ExecutionAlreadyExists", "Execution Already Exists: '" + arn + "'"));
    }
    return new Started(arn, record.startMillis());
  }

  /** SendTaskSuccess. */
  public void sendTaskSuccess(String token, String outputText) {
    TokenRecord t = liveToken(token);
    JsonNode output;
    try {
      output = Json.parse(outputText);
    } catch (Json.JsonSyntaxException e) {
      throw new ApiException("InvalidOutput", "Invalid Output: '" + e.getMessage() + "'");
    }
    takeAnswer(token, "success\n" + Json.write(output));
    send(new TransitionMessage(t.executionArn(), "token:" + t.taskKey() + ":" + Ids.uuid(), new Signal.TaskSucceeded(t.taskKey(), output), null),
        Duration.ZERO);
  }

  /** SendTaskFailure. */
  public void sendTaskFailure(String token, String error, String cause) {
    TokenRecord t = liveToken(token);
    takeAnswer(token, "failure\n" + error + "\n" + cause);
    send(new TransitionMessage(t.executionArn(), "token:" + t.taskKey() + ":" + Ids.uuid(), new Signal.TaskFailed(t.taskKey(), error, cause), null),
        Duration.ZERO);
  }

  /** SendTaskHeartbeat: restarts the task's HeartbeatSeconds clock. */
  public void sendTaskHeartbeat(String token) {
    TokenRecord t = liveToken(token);
    send(new TransitionMessage(t.executionArn(), "heartbeat:" + t.taskKey() + ":" + Ids.uuid(), new Signal.Heartbeat(t.taskKey()), null),
        Duration.ZERO);
  }

  /**
   * Records this answer as the token's only one: a client's retry of the same answer is accepted
   * again (its second message changes nothing), a different answer is refused as AWS refuses an
   * answer to a task that is no longer waiting.
   */
  private void takeAnswer(String token, String answer) {
    if (!store.answerToken(token, Ids.digest(answer))) {
      throw new ApiException("TaskTimedOut", "Task Timed Out: 'Provided task does not exist anymore'");
    }
  }

  private TokenRecord liveToken(String token) {
    if (token == null || token.isEmpty() || token.length() > 2048) {
      throw new ApiException("InvalidToken", "Invalid Token: 'Invalid token'");
    }
    TokenRecord t = store.token(token).orElseThrow(() -> new ApiException("InvalidToken", "Invalid Token: 'Invalid token'"));
    if (store.execution(t.executionArn()).isEmpty()) {
      throw new ApiException("TaskDoesNotExist", "Task Does Not Exist");
    }
    if (!isWaitingOn(t.executionArn(), t.taskKey())) {
      throw new ApiException("TaskTimedOut", "Task Timed Out: 'Provided task does not exist anymore'");
    }
    return t;
  }

  /** Whether the execution is running and its task {@code taskKey} still waits for an answer. */
  boolean isWaitingOn(String executionArn, String taskKey) {
    return store.execution(executionArn)
        .filter(ExecutionRecord::running)
        .map(rec -> replayer.rebuild(rec, store.signals(executionArn)).execution().isWaitingOn(taskKey))
        .orElse(false);
  }

  /**
   * Answers a task that its invoker handed over ({@link TaskOutcome.Pending}) and finished later,
   * e.g. a function that runs longer than the step: as if the invoker had returned {@code outcome}.
   * Changes nothing when the task no longer waits (it timed out, or the execution ended).
   */
  public void completeTask(String executionArn, String taskKey, TaskOutcome outcome) {
    answer(executionArn, "task:" + taskKey + ":" + Ids.uuid(), taskKey, outcome);
  }

  /** StopExecution. */
  public void stopExecution(String executionArn, String error, String cause) {
    ExecutionRecord rec =
        store.execution(executionArn)
            .orElseThrow(() -> new ApiException("ExecutionDoesNotExist", "Execution Does Not Exist: '" + executionArn + "'"));
    if (rec.running()) {
      send(new TransitionMessage(executionArn, "stop", new Signal.Stop(error, cause), null), Duration.ZERO);
    }
  }

  /** The execution's state and history, rebuilt from its log. */
  public Optional<ExecutionResult> describe(String executionArn) {
    return store.execution(executionArn).map(rec -> replayer.rebuild(rec, store.signals(executionArn)).execution().result());
  }

  // ------------------------------------------------------------------ the state-advance step

  /** Thrown when another step advanced the execution first: leave the message for redelivery. */
  public static final class ConcurrentStep extends RuntimeException {
    ConcurrentStep(String arn) {
      super("another step advanced " + arn + " first", null, false, false);
    }
  }

  /**
   * How many further steps one message may cause in the same call: answers of tasks that finished
   * while the step ran (a Lambda function, a local function, a service call, a nested start's
   * submission) and timers already due are applied at once, in the order the steps performed them,
   * instead of a send/receive/delete round trip through the queue. Past this budget they go to the
   * queue, so one message never holds a handler for long.
   */
  static final int INLINE_STEPS = 1_000;

  /**
   * The longest a received message is kept hidden at a time: SQS allows 12 hours counted from the
   * receive, and the step has spent a little of that already.
   */
  static final Duration LONGEST_HIDE = Duration.ofHours(12).minusMinutes(5);

  /**
   * How many receives of one message may hide it again: the transitions queue's redrive policy moves
   * a message to its dead-letter queue at the 5th receive (template.yaml), so at the 4th a timer that
   * is still not due is sent anew instead (which also keeps it far from SQS's 14-day retention).
   */
  static final int HIDING_RECEIVES = 3;

  /** {@link #handle(String, String, int)} for a consumer that cannot keep a message hidden: the message is done. */
  public void handle(String body) {
    handle(body, null, Integer.MAX_VALUE);
  }

  /**
   * Applies one transition message, then the signals its step and the steps after it caused and
   * that are already known (see {@link #INLINE_STEPS}). Throws {@link ConcurrentStep} when the
   * message itself must be retried.
   *
   * <p>A timer that is not due yet and is further away than one message's delay (15 minutes) is
   * kept in the queue, hidden until it is due (at most {@link #LONGEST_HIDE} at a time, and for
   * {@link #HIDING_RECEIVES} receives), instead of being sent again every 15 minutes: a one-year
   * Wait costs about 240 messages, not 35,040. The method then returns false and the consumer must
   * not delete the message (a Lambda reports it as a batch item failure). True: the message is done,
   * delete it.
   *
   * @param receiptHandle this receipt of the message, or null when it cannot be kept hidden
   * @param receiveCount how many times the message has been received (1 on first delivery)
   */
  public boolean handle(String body, String receiptHandle, int receiveCount) {
    TransitionMessage message = TransitionMessage.fromJson(body);
    long now = clock.millis();
    if (message.dueMillis() != null && message.dueMillis() > now) {
      Duration remaining = Duration.ofMillis(message.dueMillis() - now);
      if (receiptHandle != null && remaining.compareTo(MessageQueue.MAX_DELAY) > 0 && receiveCount <= HIDING_RECEIVES) {
        transitions.changeVisibility(receiptHandle, remaining.compareTo(LONGEST_HIDE) > 0 ? LONGEST_HIDE : remaining);
        return false;
      }
      send(message, remaining);
      return true;
    }
    Deque<TransitionMessage> inline = new ArrayDeque<>();
    apply(message, now, inline);
    int budget = INLINE_STEPS;
    while (!inline.isEmpty()) {
      TransitionMessage next = inline.poll();
      // only this execution's signals are applied here: a redelivery of this message re-performs what
      // they depend on; another execution's (a child's start) is queued, in order, after them
      if (!next.executionArn().equals(message.executionArn()) || budget-- <= 0) {
        send(next, Duration.ZERO);
        continue;
      }
      try {
        apply(next, clock.millis(), inline);
      } catch (ConcurrentStep raced) {
        // another handler advanced the execution meanwhile: this signal takes the queue like any other
        send(next, Duration.ZERO);
      }
    }
    return true;
  }

  /** How a step went. */
  private enum Outcome {
    /** Appended and performed, or decided for good (nothing to record, or postponed). */
    DONE,
    /** The append was refused: another step took the log position first. Nothing changed. */
    REFUSED,
    /**
     * A warm step would have dropped or postponed the signal on the strength of its cached execution
     * alone, which may be behind the log (an answer to a task the cache has not seen entered yet).
     * Nothing changed; only a step on the log may decide that.
     */
    UNSURE
  }

  /** Applies one signal: warm (no read) when this runtime holds the execution, else from the log. */
  private void apply(TransitionMessage message, long now, Deque<TransitionMessage> inline) {
    Optional<Replayer.Warm> warm = replayer.take(message.executionArn());
    if (warm.isPresent()) {
      Replayer.Warm w = warm.get();
      if (w.appliedIds().contains(message.signalId())) {
        // a redelivery: keep the cache (it is right about this) and let the log say what is still due
        replayer.remember(w.record(), w.version(), w.rebuilt().execution(), w.rebuilt().lastEffects(),
            w.rebuilt().taskResources(), w.appliedIds());
      } else if (step(w.record(), message, w.rebuilt(), w.appliedIds(), w.version(), now, inline, true) == Outcome.DONE) {
        return;
      }
      // otherwise the cached execution was stale or not enough to decide: read the log
    }
    Optional<ExecutionRecord> found = store.execution(message.executionArn());
    if (found.isEmpty()) {
      return;
    }
    ExecutionRecord rec = found.get();
    List<SignalEntry> log = store.signals(rec.executionArn());
    if (redelivered(rec, message, log, now, inline)) {
      return;
    }
    if (!rec.running()) {
      return;
    }
    replayer.forget(rec.executionArn());
    Replayer.Rebuilt rebuilt = replayer.rebuild(rec, log);
    if (rebuilt.execution().isDone()) {
      // the step that ended it stopped before writing the head: finish that step, drop the message
      SignalEntry last = log.get(log.size() - 1);
      ExecutionRecord head = ended(rec, rebuilt.execution(), last.seq(), now);
      store.end(head);
      perform(head, last.seq(), stillDue(rebuilt.lastEffects(), rebuilt.execution(), log, last.seq()), inline);
      return;
    }
    Set<String> applied = new HashSet<>();
    log.forEach(e -> applied.add(e.signalId()));
    if (step(rec, message, rebuilt, applied, log.size(), now, inline, false) != Outcome.DONE) {
      throw new ConcurrentStep(rec.executionArn());
    }
  }

  /**
   * When the message's signal is already in the log (a redelivery, or a crash after the write), the
   * effects of the step it caused, and of the steps applied after it in the same call, may not all
   * have happened: do those still due, and report true.
   */
  private boolean redelivered(ExecutionRecord rec, TransitionMessage message, List<SignalEntry> log, long now,
      Deque<TransitionMessage> inline) {
    for (SignalEntry entry : log) {
      if (entry.signalId().equals(message.signalId())) {
        List<Replayer.StepEffects> steps = new ArrayList<>();
        Replayer.Rebuilt current = replayer.replay(rec, log, entry.seq(), steps);
        ExecutionRecord head = rec;
        if (rec.running() && current.execution().isDone()) {
          // the step that ended it stopped before writing the head (or it ended at its start)
          head = ended(rec, current.execution(), log.size(), now);
          store.end(head);
        }
        Set<String> applied = new HashSet<>();
        log.forEach(e -> applied.add(e.signalId()));
        replayer.remember(head, log.size(), current.execution(), current.lastEffects(), current.taskResources(), applied);
        for (Replayer.StepEffects step : steps) {
          perform(head, step.seq(), stillDue(step.effects(), current.execution(), log, step.seq()), inline);
        }
        return true;
      }
    }
    return false;
  }

  /**
   * Applies a new signal to the rebuilt execution (at log length {@code version}): one conditional
   * append, then its effects. {@code warm}: the execution comes from the cache, not from the log.
   */
  private Outcome step(ExecutionRecord rec, TransitionMessage message, Replayer.Rebuilt rebuilt, Set<String> applied,
      long version, long now, Deque<TransitionMessage> inline, boolean warm) {
    Execution execution = rebuilt.execution();
    boolean unawaited = !message.isStart() && !awaited(execution, message.signal());
    if (unawaited || answersBeforeSubmission(message, applied, rebuilt)) {
      replayer.remember(rec, version, execution, rebuilt.lastEffects(), rebuilt.taskResources(), applied);
      if (warm) {
        return Outcome.UNSURE;
      }
      if (!unawaited) {
        send(message, SUBMISSION_WAIT);
      }
      // an answer for a task that no longer waits (second answer, after a timeout): nothing to record
      return Outcome.DONE;
    }
    // from here the execution changes: it is out of the cache (taken, or rebuilt), so if this step
    // fails before its append no cache holds a signal the log does not
    if (message.isStart()) {
      // the start is entry 1 of every log, written with the execution: it is never appended
      return warm ? Outcome.UNSURE : Outcome.DONE;
    }
    Instant at = Instant.ofEpochMilli(now);
    List<Effect> effects = execution.deliver(message.signal(), at);
    String json = Json.write(SignalCodec.encode(message.signal()));
    SignalEntry entry = new SignalEntry(version + 1, message.signalId(), json, at.toEpochMilli());
    if (!store.append(rec.executionArn(), entry)) {
      return Outcome.REFUSED;
    }
    ExecutionRecord after = rec;
    if (execution.isDone()) {
      after = ended(rec, execution, entry.seq(), now);
      store.end(after);
    }
    applied.add(entry.signalId());
    replayer.remember(after, entry.seq(), execution, effects, Replayer.withTasks(rebuilt.taskResources(), effects), applied);
    perform(after, entry.seq(), effects, inline);
    return Outcome.DONE;
  }

  /** The final head of an execution that the log entry {@code seq} ended. */
  private static ExecutionRecord ended(ExecutionRecord rec, Execution execution, long seq, long stopMillis) {
    ExecutionResult result = execution.result();
    return rec.advanced(seq, result.status(), stopMillis, result.output() == null ? null : Json.write(result.output()),
        result.error(), result.cause());
  }

  /**
   * Whether the execution may still react to the signal: an answer to a task (or its start,
   * submission or heartbeat) only while the task waits. Timers and stops are always recorded: a late
   * timer changes nothing, but whether it does cannot be told from outside (an answer inside a
   * Distributed Map, for instance, changes the execution without a top-level event or effect).
   */
  private static boolean awaited(Execution execution, Signal signal) {
    return execution.awaits(signal);
  }

  /** How long an answer that overtook its task's TaskSubmitted waits before it is tried again. */
  static final Duration SUBMISSION_WAIT = Duration.ofSeconds(1);

  /**
   * Whether {@code message} answers a task whose TaskSubmitted is due but not yet in the log: a
   * child's completion or a SendTask* answer can overtake the step's own TaskSubmitted message
   * (reordered, delayed, or sent again after a crash), and AWS never records the answer first.
   * Only nested starts (.sync, .sync:2, .waitForTaskToken) are known to submit; other callbacks
   * submit only when their invoker returns a response, which the log does not record.
   */
  private static boolean answersBeforeSubmission(TransitionMessage message, Set<String> applied, Replayer.Rebuilt rebuilt) {
    if (!(message.signal() instanceof Signal.TaskAnswer answer)) {
      return false;
    }
    String key = answer.key();
    if (!message.signalId().startsWith("child:") && !message.signalId().startsWith("token:")) {
      return false;
    }
    String resource = rebuilt.taskResources().get(key);
    if (resource == null || !NestedExecutions.submits(resource) || !rebuilt.execution().isWaitingOn(key)) {
      return false;
    }
    String submitted = "submitted:task:" + key + "@";
    return applied.stream().noneMatch(id -> id.startsWith(submitted));
  }

  /**
   * The effects of an earlier step that may still be missing: a task the execution no longer waits
   * on was answered (or timed out), and a timer whose signal is in the log has fired, so doing them
   * again would only call a task a second time and replay the steps after it; everything else is
   * done again (idempotently), as the step may have crashed before doing it.
   */
  private static List<Effect> stillDue(List<Effect> effects, Execution current, List<SignalEntry> log, long stepSeq) {
    return effects.stream()
        .filter(e -> !(e instanceof Effect.InvokeTask t) || current.isWaitingOn(t.key()))
        .filter(e -> !(e instanceof Effect.ScheduleTimer t)
            || log.stream().noneMatch(l -> l.signalId().equals("timer:" + t.key() + "@" + stepSeq)))
        .toList();
  }

  /**
   * Performs the effects of the step logged as {@code stepSeq}. The signals they cause are named
   * after that step as well as the task or timer: the interpreter may use a task key again (a
   * Parallel or Map retried as a whole runs its branches with the keys of the first attempt), and a
   * new attempt's answer must not pass for a redelivery of the old one.
   */
  private void perform(ExecutionRecord rec, long stepSeq, List<Effect> effects, Deque<TransitionMessage> inline) {
    for (Effect effect : effects) {
      if (effect instanceof Effect.ScheduleTimer t) {
        long due = t.dueAt().toEpochMilli();
        TransitionMessage fired = new TransitionMessage(rec.executionArn(), "timer:" + t.key() + "@" + stepSeq, new Signal.TimerFired(t.key()), due);
        if (due <= clock.millis()) {
          inline.add(fired);
        } else {
          send(fired, Duration.ofMillis(due - clock.millis()));
        }
      } else if (effect instanceof Effect.InvokeTask task) {
        invoke(rec, stepSeq, task, inline);
      } else if (effect instanceof Effect.CancelTask cancel) {
        nested.stopChild(rec, cancel);
      } else if (effect instanceof Effect.CompleteExecution done) {
        nested.notifyParent(rec, done);
      }
    }
  }

  private void invoke(ExecutionRecord rec, long stepSeq, Effect.InvokeTask task, Deque<TransitionMessage> inline) {
    if (task.token() != null) {
      store.putToken(new TokenRecord(task.token(), rec.executionArn(), task.key(), clock.millis()));
    }
    TaskOutcome outcome;
    if (NestedExecutions.handles(task.resource())) {
      NestedExecutions.Start start = nested.start(rec, task);
      if (start.childArn() != null && !(start.outcome() instanceof TaskOutcome.Pending)) {
        // fire-and-forget: once the parent's answer is logged nothing would start the child again
        send(TransitionMessage.start(start.childArn()), Duration.ZERO);
      }
      answerMessage(rec.executionArn(), "task:" + task.key() + "@" + stepSeq, task.key(), start.outcome()).ifPresent(inline::add);
      if (start.childArn() != null && start.outcome() instanceof TaskOutcome.Pending) {
        // the parent waits on the child: its start is queued after the parent's TaskSubmitted is
        // applied, so the child's answer can never overtake it (a redelivery re-performs the start)
        inline.add(TransitionMessage.start(start.childArn()));
      }
      return;
    } else if (Activities.handles(task.resource())) {
      outcome = activities.schedule(rec, task);
    } else {
      outcome = tasks.invoke(new TaskRequest(rec.executionArn(), task.key(), task.stateName(), task.resource(), task.input(), task.token()));
    }
    answerMessage(rec.executionArn(), "task:" + task.key() + "@" + stepSeq, task.key(), outcome).ifPresent(inline::add);
  }

  void answer(String executionArn, String signalId, String taskKey, TaskOutcome outcome) {
    answerMessage(executionArn, signalId, taskKey, outcome).ifPresent(m -> send(m, Duration.ZERO));
  }

  /** The message that tells the execution how its task went, if the outcome is known yet. */
  private static Optional<TransitionMessage> answerMessage(String executionArn, String signalId, String taskKey, TaskOutcome outcome) {
    if (outcome instanceof TaskOutcome.Succeeded s) {
      return Optional.of(new TransitionMessage(executionArn, signalId, new Signal.TaskSucceeded(taskKey, s.output()), null));
    } else if (outcome instanceof TaskOutcome.Failed f) {
      return Optional.of(new TransitionMessage(executionArn, signalId, new Signal.TaskFailed(taskKey, f.error(), f.cause()), null));
    } else if (outcome instanceof TaskOutcome.Pending p && p.response() != null) {
      return Optional.of(new TransitionMessage(executionArn, "submitted:" + signalId, new Signal.TaskSubmitted(taskKey, p.response()), null));
    }
    return Optional.empty();
  }

  void send(TransitionMessage message, Duration delay) {
    Duration capped = delay.compareTo(MessageQueue.MAX_DELAY) > 0 ? MessageQueue.MAX_DELAY : delay;
    transitions.send(message.toJson(), capped);
  }
}
