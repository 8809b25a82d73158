package dev.nestflow.core.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nestflow.core.errors.StatesException;
import dev.nestflow.core.states.StateMachine;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Runs one execution to its end in-process on a virtual clock: timers fire in due order without
 * sleeping, tasks go to a {@link TaskHandler}, distributed Maps' runs to a {@link MapRunHandler}. When nothing is left to wait for but the execution
 * has not ended (a task nobody answers), the result is RUNNING.
 */
public final class VirtualTimeRunner {
  private final TaskHandler tasks;
  private final Duration horizon;
  private final MapRunHandler mapRuns;

  /** A runner whose clock may run as far as the execution needs. */
  public VirtualTimeRunner(TaskHandler tasks) {
    this(tasks, null);
  }

  /** As {@link #VirtualTimeRunner(TaskHandler, Duration)}, with distributed Maps' runs run by {@code mapRuns}. */
  public VirtualTimeRunner(TaskHandler tasks, Duration horizon, MapRunHandler mapRuns) {
    this.tasks = tasks;
    this.horizon = horizon;
    this.mapRuns = mapRuns;
  }

  /**
   * A runner that stops the clock {@code horizon} after the start: an execution still waiting for a
   * later timer is reported RUNNING, as an observer at that moment would see it.
   */
  public VirtualTimeRunner(TaskHandler tasks, Duration horizon) {
    this(tasks, horizon, new InProcessMapRuns());
  }

  private record Timer(Instant due, long seq, String key) {}

  public ExecutionResult run(
      StateMachine definition, ExecutionIdentity identity, JsonNode input, String inputText, Environment env) {
    Execution execution = new Execution(definition, identity, input, inputText, env);
    Instant now = identity.startTime();
    PriorityQueue<Timer> timers =
        new PriorityQueue<>(Comparator.comparing(Timer::due).thenComparingLong(Timer::seq));
    Deque<Signal> ready = new ArrayDeque<>();
    long[] seq = {0};
    List<Effect> effects = execution.start(now);
    while (true) {
      for (Effect effect : effects) {
        if (effect instanceof Effect.ScheduleTimer t) {
          timers.add(new Timer(t.dueAt(), seq[0]++, t.key()));
        } else if (effect instanceof Effect.InvokeTask task) {
          ready.add(invoke(task));
        } else if (effect instanceof Effect.StartMapRun run) {
          Signal answer = mapRuns.run(run, now, tasks);
          if (answer != null) {
            ready.add(answer);
          }
        } else if (effect instanceof Effect.RedriveMapRun redrive) {
          Signal answer = mapRuns.redrive(redrive, now, tasks);
          if (answer != null) {
            ready.add(answer);
          }
        }
      }
      if (execution.isDone()) {
        break;
      }
      if (!ready.isEmpty()) {
        effects = execution.deliver(ready.poll(), now);
      } else if (!timers.isEmpty()) {
        Timer next = timers.poll();
        if (horizon != null && next.due().isAfter(identity.startTime().plus(horizon))) {
          break;
        }
        if (next.due().isAfter(now)) {
          now = next.due();
        }
        effects = execution.deliver(new Signal.TimerFired(next.key()), now);
      } else {
        break;
      }
    }
    return execution.result();
  }

  private Signal invoke(Effect.InvokeTask task) {
    try {
      return new Signal.TaskSucceeded(task.key(), tasks.handle(task));
    } catch (StatesException e) {
      return new Signal.TaskFailed(task.key(), e.error(), e.cause());
    }
  }
}
