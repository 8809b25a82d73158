package dev.nestflow.infrastructure.runtime;

import dev.nestflow.core.interpreter.Effect;
import dev.nestflow.core.interpreter.Signal;
import dev.nestflow.infrastructure.store.ExecutionRecord;
import dev.nestflow.infrastructure.store.ExecutionStore;
import dev.nestflow.infrastructure.store.TokenRecord;
import dev.nestflow.infrastructure.tasks.InvocationPool;
import dev.nestflow.infrastructure.tasks.LambdaIntegration;
import dev.nestflow.infrastructure.tasks.TaskDurations;
import dev.nestflow.infrastructure.tasks.TaskInvoker;
import dev.nestflow.infrastructure.tasks.TaskOutcome;
import dev.nestflow.infrastructure.tasks.TaskRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Performs the effects of one logged step: timers become (delayed) transition messages, tasks run
 * through the {@link TaskInvoker} port (nested executions and activities are the runtime's own),
 * a cancelled nested task stops its child, and an ending child answers its waiting parent. Answers
 * known during the call go to the call's {@code inline} queue, which the {@link StateAdvance} step
 * applies next.
 *
 * <p>Tasks through the port run at the same time when the {@link InvocationPool} is concurrent: each
 * is started and the step goes on, and its answer is applied when it comes (a Map's MaxConcurrency
 * bounds how many a step starts, the pool how many one call runs). A Lambda task that might not end
 * within the call's time (its TimeoutSeconds, or Lambda's 15 minutes when it has none, is longer than
 * what the call has left) is not started here: it goes to the task queue as an {@link
 * InvokeMessage}, which a consumer with a long enough call runs.
 */
final class EffectPerformer {
  private final ExecutionStore store;
  private final Transitions transitions;
  private final TaskInvoker tasks;
  private final TaskDurations durations;
  private final InvocationPool pool;
  private final Clock clock;
  private final NestedExecutions nested;
  private final Activities activities;
  private final MapRunDriver mapRuns;

  EffectPerformer(ExecutionCommands commands, Transitions transitions, TaskInvoker tasks, TaskDurations durations,
      InvocationPool pool) {
    this.store = commands.store();
    this.transitions = transitions;
    this.tasks = tasks;
    this.durations = durations;
    this.pool = pool;
    this.clock = commands.clock();
    this.nested = new NestedExecutions(commands);
    this.activities = commands.activities();
    this.mapRuns = new MapRunDriver(commands, transitions, tasks, new MapRunItems());
  }

  /** The map runs of distributed Maps (their ticks come through the transitions queue). */
  MapRunDriver mapRuns() {
    return mapRuns;
  }

  /**
   * Performs the effects of the step logged as {@code stepSeq}. The signals they cause are named
   * after that step as well as the task or timer: the interpreter may use a task key again (a
   * Parallel or Map retried as a whole runs its branches with the keys of the first attempt), and a
   * new attempt's answer must not pass for a redelivery of the old one.
   */
  void perform(ExecutionRecord rec, long stepSeq, List<Effect> effects, StepCall call) {
    for (Effect effect : effects) {
      if (effect instanceof Effect.ScheduleTimer t) {
        long due = t.dueAt().toEpochMilli();
        TransitionMessage fired = new TransitionMessage(rec.executionArn(), SignalId.timer(t.key(), stepSeq).text(), new Signal.TimerFired(t.key()), due);
        if (due <= clock.millis()) {
          call.inline.add(fired);
        } else {
          transitions.send(fired, Duration.ofMillis(due - clock.millis()));
        }
      } else if (effect instanceof Effect.InvokeTask task) {
        invoke(rec, stepSeq, task, call, false);
      } else if (effect instanceof Effect.CancelTask cancel) {
        nested.stopChild(rec, cancel);
      } else if (effect instanceof Effect.StartMapRun run) {
        mapRuns.start(rec, run);
      } else if (effect instanceof Effect.RedriveMapRun redrive) {
        mapRuns.redrive(redrive);
      } else if (effect instanceof Effect.StopMapRun stop) {
        mapRuns.abort(stop.mapRunArn());
      } else if (effect instanceof Effect.CompleteExecution done) {
        if (MapRunDriver.MAP_RUN_PATTERN.equals(rec.parentPattern())) {
          mapRuns.childEnded(rec, done);
        } else {
          nested.notifyParent(rec, done);
        }
      }
    }
  }

  /**
   * The longest the task may run: its TimeoutSeconds or what its integration knows (the function's
   * configured timeout), whichever is shorter; null when neither is known. Asked only when the
   * call's time is limited.
   */
  private Duration longestRun(Effect.InvokeTask task) {
    Duration timeout = task.timeoutSeconds() == null ? null : Duration.ofSeconds(task.timeoutSeconds());
    Duration known = durations.longestRun(task.resource(), task.input()).orElse(null);
    if (timeout == null || known == null) {
      return timeout == null ? known : timeout;
    }
    return timeout.compareTo(known) <= 0 ? timeout : known;
  }

  /** A new invocation pool's batch for one handler call. */
  InvocationPool.Batch<StepCall.Answering> batch() {
    return pool.batch(tasks);
  }

  /**
   * Runs a task whose {@link InvokeMessage} was received: in this call, whatever its length (the
   * message came here because this consumer's calls are long enough).
   */
  void invokeNow(ExecutionRecord rec, long stepSeq, Effect.InvokeTask task, StepCall call) {
    invoke(rec, stepSeq, task, call, true);
  }

  private void invoke(ExecutionRecord rec, long stepSeq, Effect.InvokeTask task, StepCall call, boolean here) {
    var inline = call.inline;
    if (task.token() != null) {
      store.putToken(new TokenRecord(task.token(), rec.executionArn(), task.key(), clock.millis()));
    }
    TaskOutcome outcome;
    if (NestedExecutions.handles(task.resource())) {
      NestedExecutions.Start start = nested.start(rec, task);
      if (start.childArn() != null && !(start.outcome() instanceof TaskOutcome.Pending)) {
        // fire-and-forget: once the parent's answer is logged nothing would start the child again
        transitions.send(start.startMessage(), Duration.ZERO);
      }
      TransitionMessage.answering(rec.executionArn(), SignalId.taskAnswer(task.key(), stepSeq), task.key(), start.outcome()).ifPresent(inline::add);
      if (start.childArn() != null && start.outcome() instanceof TaskOutcome.Pending) {
        // the parent waits on the child: its start is queued after the parent's TaskSubmitted is
        // applied, so the child's answer can never overtake it (a redelivery re-performs the start)
        inline.add(start.startMessage());
      }
      return;
    } else if (Activities.handles(task.resource())) {
      outcome = activities.schedule(rec, task);
    } else {
      if (!here && call.limited() && LambdaIntegration.serves(task.resource()) && !call.fits(longestRun(task))) {
        transitions.sendInvoke(InvokeMessage.of(rec.executionArn(), stepSeq, task));
        return;
      }
      TaskRequest request = new TaskRequest(rec.executionArn(), task.key(), task.stateName(), task.resource(), task.input(), task.token());
      if (pool.concurrent()) {
        call.running.start(new StepCall.Answering(rec.executionArn(), SignalId.taskAnswer(task.key(), stepSeq), task.key()), request);
        return;
      }
      outcome = tasks.invoke(request);
    }
    TransitionMessage.answering(rec.executionArn(), SignalId.taskAnswer(task.key(), stepSeq), task.key(), outcome).ifPresent(inline::add);
  }
}
