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
import dev.nestflow.infrastructure.store.SnapshotRecord;
import dev.nestflow.infrastructure.tasks.InvocationPool;
import dev.nestflow.infrastructure.telemetry.StepListener;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The state-advance step, the same in a Lambda and in embedded mode: applies transition messages
 * (one signal each) with a conditional append to the signal log, and has the {@link EffectPerformer}
 * perform the effects of each step (timers as delayed messages, tasks, nested executions, completion).
 *
 * <p>At-least-once delivery is safe: a message whose signal is already in the log re-performs the
 * effects of the step it caused (all idempotent) and changes nothing else; a step that loses the
 * race for the log leaves its message to be delivered again.
 */
public final class StateAdvance {
  private final ExecutionStore store;
  private final Transitions transitions;
  private final Clock clock;
  private final Replayer replayer;
  private final EffectPerformer effects;
  private final Writers writers = new Writers();
  private volatile StepListener listener = StepListener.NONE;

  StateAdvance(ExecutionCommands commands, Transitions transitions, Replayer replayer, EffectPerformer effects) {
    this.store = commands.store();
    this.transitions = transitions;
    this.clock = commands.clock();
    this.replayer = replayer;
    this.effects = effects;
  }

  /** Who hears of each step, refused append and replay (logs and metrics); none by default. */
  public void listen(StepListener listener) {
    this.listener = listener == null ? StepListener.NONE : listener;
  }

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

  /**
   * How long after its creation a start message that carries the record is taken for the execution's
   * first step without a read (see {@link #startCreated}): a first receive comes within seconds
   * unless the queue is backed up, while a start message replayed from the dead-letter queue (its
   * receive count starts again at 1) was received and failed several times first. Past it, the
   * first step reads the log, which only costs a read.
   */
  static final Duration CREATED_START_TRUSTED = Duration.ofMinutes(10);

  /** How long an answer that overtook its task's TaskSubmitted waits before it is tried again. */
  static final Duration SUBMISSION_WAIT = Duration.ofSeconds(1);

  /** {@link #handle(String, String, int)} for a consumer that cannot keep a message hidden: the message is done. */
  public void handle(String body) {
    handle(body, null, Integer.MAX_VALUE);
  }

  /** {@link #handle(String, String, int, Duration)} for a consumer whose calls have no time limit. */
  public boolean handle(String body, String receiptHandle, int receiveCount) {
    return handle(body, receiptHandle, receiveCount, null);
  }

  /**
   * Applies one transition message, then the signals its step and the steps after it caused and
   * that are already known (see {@link #INLINE_STEPS}). Throws {@link ConcurrentStep} when the
   * message itself must be retried.
   *
   * <p>The tasks the steps start run at the same time (see {@link EffectPerformer}); each answer is
   * applied when it comes, so a Map with MaxConcurrency 40 keeps 40 tasks running. A task that might
   * not end within {@code budget} goes to the task queue instead, as an {@link InvokeMessage}; this
   * method also runs such messages (the consumer of the task queue calls it with a long budget).
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
   * @param budget how long this call may take (a Lambda's remaining time), or null for no limit
   */
  public boolean handle(String body, String receiptHandle, int receiveCount, Duration budget) {
    return handle(body, receiptHandle, receiveCount, budget, null);
  }

  /**
   * The messages of one receive from a queue that hands each execution's messages to one consumer
   * at a time (an SQS FIFO queue grouped by execution): while they are in flight no other consumer
   * steps their executions, so the first step of each execution in the receive brings the cached
   * execution up to the end of the log (a catch-up read of the entries other consumers appended
   * since, usually none) and the later ones append without reading. Without such a queue the plain
   * {@link #handle} is optimistic: it appends at the cached position and a refused append reads the
   * whole log.
   */
  public final class Receive {
    private final Set<String> current = new HashSet<>();

    private Receive() {}

    /** {@link StateAdvance#handle(String, String, int, Duration)} for one message of this receive. */
    public boolean handle(String body, String receiptHandle, int receiveCount, Duration budget) {
      return StateAdvance.this.handle(body, receiptHandle, receiveCount, budget, current);
    }
  }

  /** A new receive's worth of messages (see {@link Receive}); one consumer thread uses it. */
  public Receive receive() {
    return new Receive();
  }

  /**
   * @param current the executions this receive has already brought to the end of the log (see
   *     {@link Receive}), or null for an optimistic step
   */
  private boolean handle(String body, String receiptHandle, int receiveCount, Duration budget, Set<String> current) {
    JsonNode parsed = Json.parse(body);
    if (MapRunMessage.is(parsed)) {
      // a tick received again may follow a call that died between its claim and its children's starts
      effects.mapRuns().handle(MapRunMessage.fromJson(parsed), receiveCount);
      return true;
    }
    StepCall call = new StepCall(effects.batch(), budget);
    if (InvokeMessage.is(parsed)) {
      InvokeMessage invoke = InvokeMessage.fromJson(parsed);
      try {
        invoke(invoke, call);
      } catch (RuntimeException e) {
        abandon(call);
        throw e;
      }
      // the answer goes to the queue: a state-advance call, whose cache holds the execution, applies
      // it without reading the log, where this consumer would replay it
      for (InvocationPool.Done<StepCall.Answering> done = call.running.next(); done != null; done = call.running.next()) {
        answer(done).ifPresent(call.inline::add);
      }
      call.inline.forEach(m -> transitions.send(m, Duration.ZERO));
      return true;
    }
    TransitionMessage message = TransitionMessage.fromJson(parsed);
    // on a FIFO transitions queue a hidden message would hold back its group: a timer that is not
    // due (the timers queue's consumer forwarded it early) goes back to the timers queue
    Timer timer = timer(message, transitions.separateTimers() ? null : receiptHandle, receiveCount);
    if (timer != Timer.DUE) {
      return timer == Timer.SENT_AGAIN;
    }
    return writers.exclusively(message.executionArn(), () -> {
      try {
        if (!startCreated(message, receiveCount, call, current)) {
          apply(message, clock.millis(), call, current);
        }
      } catch (RuntimeException e) {
        abandon(call);
        throw e;
      }
      drain(message.executionArn(), call, current);
      return true;
    });
  }

  /**
   * The timers queue's consumer (next to a FIFO transitions queue, see {@link Transitions}): a
   * delayed transition whose time has come goes into its execution's group on the transitions
   * queue; one that is still not due (a timer longer than one message's delay) is kept hidden or
   * sent again, as {@link #handle(String, String, int, Duration)} does. True: the message is done,
   * delete it; false: keep it (hidden).
   */
  public boolean forward(String body, String receiptHandle, int receiveCount) {
    JsonNode parsed = Json.parse(body);
    if (MapRunMessage.is(parsed)) {
      // a map run's delayed check: its delay fits one message's, so it is due
      transitions.sendMapRun(MapRunMessage.fromJson(parsed));
      return true;
    }
    if (InvokeMessage.is(parsed)) {
      transitions.sendInvoke(InvokeMessage.fromJson(parsed));
      return true;
    }
    TransitionMessage message = TransitionMessage.fromJson(parsed);
    Timer timer = timer(message, receiptHandle, receiveCount);
    if (timer == Timer.DUE) {
      transitions.send(message, Duration.ZERO);
    }
    return timer != Timer.HIDDEN;
  }

  /** Where a transition message stands with its due time. */
  private enum Timer {
    /** Due now (or not a timer): apply it. */
    DUE,
    /** Not due, kept hidden in its queue: do not delete it. */
    HIDDEN,
    /** Not due, sent again to wait: it is done. */
    SENT_AGAIN
  }

  /**
   * A timer that is not due yet is kept hidden (when {@code receiptHandle} is given and it is further
   * away than one message's delay) or sent again to wait.
   */
  private Timer timer(TransitionMessage message, String receiptHandle, int receiveCount) {
    long now = clock.millis();
    if (message.dueMillis() == null || message.dueMillis() <= now) {
      return Timer.DUE;
    }
    Duration remaining = Duration.ofMillis(message.dueMillis() - now);
    if (receiptHandle != null && remaining.compareTo(MessageQueue.MAX_DELAY) > 0 && receiveCount <= HIDING_RECEIVES) {
      transitions.hide(receiptHandle, remaining.compareTo(LONGEST_HIDE) > 0 ? LONGEST_HIDE : remaining);
      return Timer.HIDDEN;
    }
    transitions.send(message, remaining);
    return Timer.SENT_AGAIN;
  }

  /**
   * Applies what the call has in hand, and each task's answer when it comes, until nothing is left:
   * only this execution's signals (a redelivery of the message re-performs what they depend on;
   * another execution's, a child's start, is queued, in order, after them), at most {@link
   * INLINE_STEPS} of them and while the call has time; the rest takes the queue.
   */
  private void drain(String executionArn, StepCall call, Set<String> current) {
    int budget = INLINE_STEPS;
    try {
      while (true) {
        TransitionMessage next = call.inline.poll();
        if (next == null) {
          InvocationPool.Done<StepCall.Answering> done = call.running.next();
          if (done == null) {
            return;
          }
          next = answer(done).orElse(null);
          if (next == null) {
            continue;
          }
        }
        if (!next.executionArn().equals(executionArn) || budget-- <= 0 || call.overdue()) {
          transitions.send(next, Duration.ZERO);
          continue;
        }
        try {
          apply(next, clock.millis(), call, current);
        } catch (ConcurrentStep raced) {
          // another handler advanced the execution meanwhile: this signal takes the queue like any other
          transitions.send(next, Duration.ZERO);
        }
      }
    } catch (RuntimeException e) {
      abandon(call);
      throw e;
    }
  }

  /** The message that answers a finished invocation; what its invoker threw is thrown (the call failed). */
  private static Optional<TransitionMessage> answer(InvocationPool.Done<StepCall.Answering> done) {
    if (done.thrown() != null) {
      throw done.thrown();
    }
    StepCall.Answering a = done.key();
    return TransitionMessage.answering(a.executionArn(), a.signalId(), a.taskKey(), done.outcome());
  }

  /**
   * Sends the answers of the invocations still running to the queue as they come (when the call
   * fails: they ran, or run, their functions, and a lost answer would have the task invoked again;
   * the answers in hand are left to the redelivery of the message, which re-performs them).
   */
  private void abandon(StepCall call) {
    for (InvocationPool.Done<StepCall.Answering> done = call.running.next(); done != null; done = call.running.next()) {
      if (done.thrown() == null) {
        try {
          answer(done).ifPresent(m -> transitions.send(m, Duration.ZERO));
        } catch (RuntimeException lost) {
          // the queue failed too: the redelivery invokes the task again (the harness counts it)
        }
      }
    }
  }

  /**
   * Runs the task of an {@link InvokeMessage}, re-checked against the log first: only while the
   * execution runs and the task's answer (or TaskSubmitted) is not logged. A task not in the message
   * (its input was too large) is found in the log, among the effects of the step that started it,
   * and run only while the execution waits on it.
   */
  private void invoke(InvokeMessage message, StepCall call) {
    Optional<ExecutionRecord> found = store.execution(message.executionArn());
    if (found.isEmpty() || !found.get().running()) {
      return;
    }
    ExecutionRecord rec = found.get();
    String answered = message.answerId().text();
    String submitted = message.answerId().submitted().text();
    // the answer (or submission) of a task the step stepSeq started is logged after that step
    List<SignalEntry> log = store.signalsAfter(rec.executionArn(), message.stepSeq());
    if (log.stream().anyMatch(e -> e.signalId().equals(answered) || e.signalId().equals(submitted))) {
      return;
    }
    Effect.InvokeTask task = message.task();
    if (task == null) {
      List<Replayer.StepEffects> steps = new ArrayList<>();
      Replayer.Rebuilt current = replayer.loadFrom(store, rec, message.stepSeq(), steps).rebuilt();
      if (!current.execution().isWaitingOn(message.taskKey())) {
        return;
      }
      task = steps.stream()
          .filter(s -> s.seq() == message.stepSeq())
          .flatMap(s -> s.effects().stream())
          .filter(e -> e instanceof Effect.InvokeTask t && t.key().equals(message.taskKey()))
          .map(e -> (Effect.InvokeTask) e)
          .findFirst()
          .orElse(null);
      if (task == null) {
        return;
      }
    }
    effects.invokeNow(rec, message.stepSeq(), task, call);
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

  /**
   * The first step of an execution whose creator handed its record on in the start message ({@link
   * TransitionMessage#start(ExecutionRecord)}), taken without reading anything: on a queue that hands
   * an execution's messages to one consumer at a time (a FIFO transitions queue), the first receive
   * of the start message is the first message of the execution's group ever applied (its creator sent
   * it once, right after the create, and every other signal of the execution comes after it), so
   * the log holds the start alone. Any other delivery (a second receive, a start sent again for an
   * execution that exists, a queue without groups, a start older than {@link #CREATED_START_TRUSTED})
   * goes through {@link #apply}, which reads the log. True when the step was taken here.
   */
  private boolean startCreated(TransitionMessage message, int receiveCount, StepCall call, Set<String> current) {
    ExecutionRecord rec = message.created();
    if (rec == null || !message.isStart() || receiveCount != 1 || current == null || !transitions.separateTimers()
        || clock.millis() - rec.startMillis() > CREATED_START_TRUSTED.toMillis()
        || current.contains(rec.executionArn()) || replayer.cached(rec.executionArn())) {
      return false;
    }
    long started = System.nanoTime();
    store.adopt(rec);
    List<SignalEntry> log = List.of(SignalEntry.start(rec.startMillis()));
    Replayer.Rebuilt rebuilt = replayer.rebuild(rec, log);
    Execution execution = rebuilt.execution();
    ExecutionRecord head = rec;
    if (execution.isDone()) {
      head = ended(rec, execution, 1, clock.millis()); // it ended at its start (a Pass, a Fail)
      store.end(head);
    }
    Set<String> applied = new HashSet<>();
    applied.add(SignalEntry.START_ID);
    replayer.remember(head, 1, execution, rebuilt.lastEffects(), rebuilt.taskResources(), applied);
    current.add(rec.executionArn());
    effects.perform(head, 1, stillDue(rebuilt.lastEffects(), execution, log, 1), call);
    ExecutionRecord stepped = head;
    List<com.fasterxml.jackson.databind.node.ObjectNode> history = execution.result().history();
    tell(l -> l.stepped(stepped, message.signalId(), history, System.nanoTime() - started));
    return true;
  }

  /**
   * Applies one signal: warm (no read) when this runtime holds the execution, else from the log.
   * With {@code current} (a {@link Receive}), an execution not yet in it is first brought up to the
   * end of the log by a catch-up read, and is in it after the step.
   */
  private void apply(TransitionMessage message, long now, StepCall call, Set<String> current) {
    String arn = message.executionArn();
    Optional<Replayer.Warm> warm = replayer.take(arn);
    boolean caughtUp = false;
    if (warm.isPresent() && current != null && !current.contains(arn)) {
      Replayer.Warm behind = warm.get();
      List<SignalEntry> newer = store.signalsAfter(arn, behind.version());
      warm = replayer.catchUp(behind, newer);
      caughtUp = warm.isPresent();
      tell(l -> l.caughtUp(arn, newer.size()));
    }
    if (warm.isPresent()) {
      Replayer.Warm w = warm.get();
      if (w.appliedIds().contains(message.signalId())) {
        // a redelivery: keep the cache (it is right about this) and let the log say what is still due
        replayer.remember(w.record(), w.version(), w.rebuilt().execution(), w.rebuilt().lastEffects(),
            w.rebuilt().taskResources(), w.appliedIds());
      } else if (caughtUp && !w.appliedIds().contains(SignalEntry.START_ID)
          && !w.rebuilt().execution().isNew(message.signal())) {
        // the ids it knows are those after a snapshot, and the signal may be older: the log decides
        replayer.remember(w.record(), w.version(), w.rebuilt().execution(), w.rebuilt().lastEffects(),
            w.rebuilt().taskResources(), w.appliedIds());
      } else if ((caughtUp
          ? stepFromLog(w.record(), message, w.rebuilt(), w.appliedIds(), w.version(), now, call)
          : stepWarm(w.record(), message, w.rebuilt(), w.appliedIds(), w.version(), now, call)) == Outcome.DONE) {
        if (current != null) {
          current.add(arn);
        }
        return;
      }
      // otherwise the cached execution was stale or not enough to decide: read the log
    }
    // one read for a short log (head and log together); else the latest snapshot and the entries after it
    Optional<ExecutionStore.Opened> opened = store.open(arn, Replayer.SNAPSHOT_EVERY);
    if (opened.isEmpty()) {
      return;
    }
    ExecutionRecord rec = opened.get().record();
    Replayer.Loaded loaded = opened.get().log() != null
        ? replayer.loaded(rec, opened.get().log())
        : replayer.load(store, rec);
    if (redelivered(rec, message, loaded, now, call)) {
      if (current != null) {
        current.add(arn); // it has just read the log to its end
      }
      return;
    }
    if (!rec.running()) {
      return;
    }
    replayer.forget(rec.executionArn());
    Replayer.Rebuilt rebuilt = loaded.rebuilt();
    List<SignalEntry> log = loaded.tail();
    tell(l -> l.replayed(rec.executionArn(), log.size()));
    if (rebuilt.execution().isDone()) {
      // the step that ended it stopped before writing the head: finish that step, drop the message
      SignalEntry last = log.get(log.size() - 1);
      ExecutionRecord head = ended(rec, rebuilt.execution(), last.seq(), now);
      store.end(head);
      effects.perform(head, last.seq(), stillDue(rebuilt.lastEffects(), rebuilt.execution(), log, last.seq()), call);
      return;
    }
    if (replayer.snapshotDue(rec.executionArn(), loaded.version())) {
      // the snapshot the steps should have written is missing (a crash, a failed write): write it now
      SnapshotRecord repaired = Replayer.snapshot(rebuilt, loaded.version());
      store.putSnapshot(rec.executionArn(), repaired);
      replayer.written(rec.executionArn(), repaired);
    }
    Set<String> applied = new HashSet<>();
    log.forEach(e -> applied.add(e.signalId()));
    if (stepFromLog(rec, message, rebuilt, applied, loaded.version(), now, call) != Outcome.DONE) {
      throw new ConcurrentStep(rec.executionArn());
    }
    if (current != null) {
      current.add(arn);
    }
  }

  /**
   * When the message's signal is already in the log (a redelivery, or a crash after the write), the
   * effects of the step it caused, and of the steps applied after it in the same call, may not all
   * have happened: do those still due, and report true.
   */
  private boolean redelivered(ExecutionRecord rec, TransitionMessage message, Replayer.Loaded loaded, long now,
      StepCall call) {
    Optional<Long> at = loggedAt(rec, message, loaded);
    if (at.isEmpty()) {
      return false;
    }
    // replay from a snapshot taken before the entry, collecting the effects of its step and those after
    List<Replayer.StepEffects> steps = new ArrayList<>();
    Replayer.Loaded from = loaded.whole()
        ? replayer.replayFrom(rec, loaded.tail(), at.get(), steps) // the whole log is in hand
        : replayer.loadFrom(store, rec, at.get(), steps);
    List<SignalEntry> log = from.tail();
    for (SignalEntry entry : log) {
      if (entry.signalId().equals(message.signalId())) {
        Replayer.Rebuilt current = from.rebuilt();
        ExecutionRecord head = rec;
        if (rec.running() && current.execution().isDone()) {
          // the step that ended it stopped before writing the head (or it ended at its start)
          head = ended(rec, current.execution(), from.version(), now);
          store.end(head);
        }
        Set<String> applied = new HashSet<>();
        log.forEach(e -> applied.add(e.signalId()));
        long version = from.version();
        replayer.remember(head, version, current.execution(), current.lastEffects(), current.taskResources(), applied);
        long started = System.nanoTime();
        for (Replayer.StepEffects step : steps) {
          effects.perform(head, step.seq(), stillDue(step.effects(), current.execution(), log, step.seq()), call);
        }
        if (message.isStart() && from.version() == 1) {
          // the start's own step (entry 1 is written with the execution): what it ran is the whole history so far
          ExecutionRecord started1 = head;
          List<com.fasterxml.jackson.databind.node.ObjectNode> history = current.execution().result().history();
          tell(l -> l.stepped(started1, message.signalId(), history, System.nanoTime() - started));
        }
        return true;
      }
    }
    return false;
  }

  /**
   * Where the message's signal is in the log, if it is. The loaded tail is searched first; when it
   * starts after a snapshot, the entries before it are read only if the execution cannot tell the
   * signal is new ({@link Execution#isNew}: an answer or timer it still waits for cannot have been
   * applied), and then only those after the step that caused the signal, when its id names one.
   */
  private Optional<Long> loggedAt(ExecutionRecord rec, TransitionMessage message, Replayer.Loaded loaded) {
    Optional<SignalEntry> inTail = loaded.entry(message.signalId());
    if (inTail.isPresent()) {
      return Optional.of(inTail.get().seq());
    }
    if (loaded.whole()) {
      return Optional.empty();
    }
    if (message.isStart()) {
      return Optional.of(1L); // entry 1 of every log
    }
    if (loaded.rebuilt().execution().isNew(message.signal())) {
      return Optional.empty();
    }
    long after = SignalId.parse(message.signalId()).map(SignalId::step).orElse(0L);
    return store.signalsAfter(rec.executionArn(), after).stream()
        .filter(e -> e.seq() <= loaded.snapshotSeq() && e.signalId().equals(message.signalId()))
        .map(SignalEntry::seq)
        .findFirst();
  }

  /**
   * Applies a new signal to the execution this runtime cached (at log length {@code version}), which
   * may be behind the log: whatever it would decide without an append (drop an answer nothing waits
   * for, postpone one that overtook its submission, a start) is left UNSURE for a step on the log.
   */
  private Outcome stepWarm(ExecutionRecord rec, TransitionMessage message, Replayer.Rebuilt rebuilt, Set<String> applied,
      long version, long now, StepCall call) {
    if (message.isStart()) {
      return Outcome.UNSURE;
    }
    // applied ids that lack the start are those after a snapshot: only a surely new signal is appended here
    boolean unsure = !applied.contains(SignalEntry.START_ID) && !rebuilt.execution().isNew(message.signal());
    if (unsure || !awaited(rebuilt.execution(), message.signal()) || answersBeforeSubmission(message, applied, rebuilt)) {
      replayer.remember(rec, version, rebuilt.execution(), rebuilt.lastEffects(), rebuilt.taskResources(), applied);
      return Outcome.UNSURE;
    }
    return append(rec, message, rebuilt, applied, version, now, call);
  }

  /**
   * Applies a new signal to the execution just rebuilt from its log (of length {@code version}): an
   * answer nothing waits for is dropped, one that overtook its task's TaskSubmitted is sent again
   * after {@link #SUBMISSION_WAIT}, a start changes nothing (it is entry 1 of every log, written with
   * the execution); anything else is appended.
   */
  private Outcome stepFromLog(ExecutionRecord rec, TransitionMessage message, Replayer.Rebuilt rebuilt, Set<String> applied,
      long version, long now, StepCall call) {
    if (message.isStart()) {
      return Outcome.DONE;
    }
    boolean unawaited = !awaited(rebuilt.execution(), message.signal());
    if (unawaited || answersBeforeSubmission(message, applied, rebuilt)) {
      replayer.remember(rec, version, rebuilt.execution(), rebuilt.lastEffects(), rebuilt.taskResources(), applied);
      if (!unawaited) {
        transitions.send(message, SUBMISSION_WAIT);
      }
      // an answer for a task that no longer waits (second answer, after a timeout): nothing to record
      return Outcome.DONE;
    }
    return append(rec, message, rebuilt, applied, version, now, call);
  }

  /**
   * Delivers the signal, appends it at {@code version + 1} (conditionally), then performs the step's
   * effects. The execution is out of the cache here (taken, or rebuilt), so if this step fails before
   * its append no cache holds a signal the log does not.
   */
  private Outcome append(ExecutionRecord rec, TransitionMessage message, Replayer.Rebuilt rebuilt, Set<String> applied,
      long version, long now, StepCall call) {
    long started = System.nanoTime();
    Execution execution = rebuilt.execution();
    int eventsBefore = execution.result().history().size();
    Instant at = Instant.ofEpochMilli(now);
    List<Effect> stepEffects = execution.deliver(message.signal(), at);
    String json = Json.write(SignalCodec.encode(message.signal()));
    SignalEntry entry = new SignalEntry(version + 1, message.signalId(), json, at.toEpochMilli());
    if (!store.append(rec.executionArn(), entry)) {
      tell(l -> l.appendRefused(rec.executionArn(), message.signalId()));
      return Outcome.REFUSED;
    }
    ExecutionRecord after = rec;
    if (execution.isDone()) {
      after = ended(rec, execution, entry.seq(), now);
      store.end(after);
    }
    applied.add(entry.signalId());
    Map<String, String> resources = Replayer.withTasks(rebuilt.taskResources(), stepEffects);
    // taken before the cache has the execution: another thread may take it from there and go on
    SnapshotRecord snapshot = !execution.isDone() && replayer.snapshotDue(rec.executionArn(), entry.seq())
        ? Replayer.snapshot(new Replayer.Rebuilt(execution, stepEffects, resources), entry.seq())
        : null;
    replayer.remember(after, entry.seq(), execution, stepEffects, resources, applied);
    effects.perform(after, entry.seq(), stepEffects, call);
    List<com.fasterxml.jackson.databind.node.ObjectNode> history = execution.result().history();
    ExecutionRecord head = after;
    tell(l -> l.stepped(head, message.signalId(), history.subList(Math.min(eventsBefore, history.size()), history.size()),
        System.nanoTime() - started));
    if (snapshot != null) {
      // written after the step's effects, off their path: a cold rebuild restores it and replays what follows
      store.putSnapshot(rec.executionArn(), snapshot);
      replayer.written(rec.executionArn(), snapshot);
    }
    return Outcome.DONE;
  }

  private void tell(java.util.function.Consumer<StepListener> call) {
    try {
      call.accept(listener);
    } catch (RuntimeException ignored) {
      // a listener's failure (a full pipe, a bug) never fails a step
    }
  }

  /**
   * The final head of an execution that the log entry {@code seq} ended. Its stop is never before its
   * last event: the clock of the container that ends it may be a little behind the one that wrote
   * that event (the interpreter keeps the history's time from going back).
   */
  private static ExecutionRecord ended(ExecutionRecord rec, Execution execution, long seq, long stopMillis) {
    ExecutionResult result = execution.result();
    List<com.fasterxml.jackson.databind.node.ObjectNode> history = result.history();
    if (!history.isEmpty()) {
      long last = history.get(history.size() - 1).path("timestamp").decimalValue().movePointRight(3).longValue();
      stopMillis = Math.max(stopMillis, last);
    }
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
    if (!SignalId.parse(message.signalId()).map(SignalId::answersFromOutside).orElse(false)) {
      return false;
    }
    String resource = rebuilt.taskResources().get(key);
    if (resource == null || !NestedExecutions.submits(resource) || !rebuilt.execution().isWaitingOn(key)) {
      return false;
    }
    return !rebuilt.execution().isSubmitted(key) && applied.stream().noneMatch(id -> SignalId.isSubmissionOf(id, key));
  }

  private static boolean logged(List<SignalEntry> log, SignalId id) {
    String text = id.text();
    return log.stream().anyMatch(l -> l.signalId().equals(text));
  }

  /**
   * The effects of an earlier step that may still be missing: a task the execution no longer waits
   * on was answered (or timed out), a callback task whose TaskSubmitted is logged was invoked (the
   * call returned), and a timer whose signal is in the log has fired, so doing them again would only
   * call a task a second time and replay the steps after it; everything else is done again
   * (idempotently), as the step may have crashed before doing it. Nested starts are done again even
   * when submitted: their child's start message follows the submission.
   */
  private static List<Effect> stillDue(List<Effect> effects, Execution current, List<SignalEntry> log, long stepSeq) {
    return effects.stream()
        .filter(e -> !(e instanceof Effect.InvokeTask t) || current.isWaitingOn(t.key()))
        .filter(e -> !(e instanceof Effect.InvokeTask t) || NestedExecutions.handles(t.resource())
            || !logged(log, SignalId.taskAnswer(t.key(), stepSeq).submitted()))
        .filter(e -> !(e instanceof Effect.ScheduleTimer t) || !logged(log, SignalId.timer(t.key(), stepSeq)))
        .toList();
  }
}
