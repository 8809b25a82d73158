package dev.nestflow.infrastructure.runtime;

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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
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

  StateAdvance(ExecutionCommands commands, Transitions transitions, Replayer replayer, EffectPerformer effects) {
    this.store = commands.store();
    this.transitions = transitions;
    this.clock = commands.clock();
    this.replayer = replayer;
    this.effects = effects;
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

  /** How long an answer that overtook its task's TaskSubmitted waits before it is tried again. */
  static final Duration SUBMISSION_WAIT = Duration.ofSeconds(1);

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
        transitions.hide(receiptHandle, remaining.compareTo(LONGEST_HIDE) > 0 ? LONGEST_HIDE : remaining);
        return false;
      }
      transitions.send(message, remaining);
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
        transitions.send(next, Duration.ZERO);
        continue;
      }
      try {
        apply(next, clock.millis(), inline);
      } catch (ConcurrentStep raced) {
        // another handler advanced the execution meanwhile: this signal takes the queue like any other
        transitions.send(next, Duration.ZERO);
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
      } else if (stepWarm(w.record(), message, w.rebuilt(), w.appliedIds(), w.version(), now, inline) == Outcome.DONE) {
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
      effects.perform(head, last.seq(), stillDue(rebuilt.lastEffects(), rebuilt.execution(), log, last.seq()), inline);
      return;
    }
    Set<String> applied = new HashSet<>();
    log.forEach(e -> applied.add(e.signalId()));
    if (stepFromLog(rec, message, rebuilt, applied, log.size(), now, inline) != Outcome.DONE) {
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
          effects.perform(head, step.seq(), stillDue(step.effects(), current.execution(), log, step.seq()), inline);
        }
        return true;
      }
    }
    return false;
  }

  /**
   * Applies a new signal to the execution this runtime cached (at log length {@code version}), which
   * may be behind the log: whatever it would decide without an append (drop an answer nothing waits
   * for, postpone one that overtook its submission, a start) is left UNSURE for a step on the log.
   */
  private Outcome stepWarm(ExecutionRecord rec, TransitionMessage message, Replayer.Rebuilt rebuilt, Set<String> applied,
      long version, long now, Deque<TransitionMessage> inline) {
    if (message.isStart()) {
      return Outcome.UNSURE;
    }
    if (!awaited(rebuilt.execution(), message.signal()) || answersBeforeSubmission(message, applied, rebuilt)) {
      replayer.remember(rec, version, rebuilt.execution(), rebuilt.lastEffects(), rebuilt.taskResources(), applied);
      return Outcome.UNSURE;
    }
    return append(rec, message, rebuilt, applied, version, now, inline);
  }

  /**
   * Applies a new signal to the execution just rebuilt from its log (of length {@code version}): an
   * answer nothing waits for is dropped, one that overtook its task's TaskSubmitted is sent again
   * after {@link #SUBMISSION_WAIT}, a start changes nothing (it is entry 1 of every log, written with
   * the execution); anything else is appended.
   */
  private Outcome stepFromLog(ExecutionRecord rec, TransitionMessage message, Replayer.Rebuilt rebuilt, Set<String> applied,
      long version, long now, Deque<TransitionMessage> inline) {
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
    return append(rec, message, rebuilt, applied, version, now, inline);
  }

  /**
   * Delivers the signal, appends it at {@code version + 1} (conditionally), then performs the step's
   * effects. The execution is out of the cache here (taken, or rebuilt), so if this step fails before
   * its append no cache holds a signal the log does not.
   */
  private Outcome append(ExecutionRecord rec, TransitionMessage message, Replayer.Rebuilt rebuilt, Set<String> applied,
      long version, long now, Deque<TransitionMessage> inline) {
    Execution execution = rebuilt.execution();
    Instant at = Instant.ofEpochMilli(now);
    List<Effect> stepEffects = execution.deliver(message.signal(), at);
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
    replayer.remember(after, entry.seq(), execution, stepEffects, Replayer.withTasks(rebuilt.taskResources(), stepEffects), applied);
    effects.perform(after, entry.seq(), stepEffects, inline);
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
    return applied.stream().noneMatch(id -> SignalId.parse(id).map(s -> s.isSubmissionOf(key)).orElse(false));
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
            || log.stream().noneMatch(l -> l.signalId().equals(SignalId.timer(t.key(), stepSeq).text())))
        .toList();
  }
}
