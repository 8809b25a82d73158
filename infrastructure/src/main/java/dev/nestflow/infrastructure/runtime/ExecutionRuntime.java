package dev.nestflow.infrastructure.runtime;

import dev.nestflow.infrastructure.queue.MessageQueue;
import dev.nestflow.infrastructure.store.ExecutionStore;
import dev.nestflow.infrastructure.tasks.InvocationPool;
import dev.nestflow.infrastructure.tasks.TaskDurations;
import dev.nestflow.infrastructure.tasks.TaskInvoker;
import java.time.Clock;

/**
 * The runtime over one store and transitions queue, the same in a Lambda and in embedded mode: the
 * API-side {@linkplain ExecutionCommands commands} (start, stop, task answers, describe) and the
 * {@linkplain StateAdvance state-advance step} that applies transition messages. Both share the
 * store, the queue, the clock and the task-token key; only the step runs tasks.
 */
public final class ExecutionRuntime {
  private final ExecutionCommands commands;
  private final StateAdvance stateAdvance;
  private final EffectPerformer effects;

  /** Tasks run one after another, in the step's order; long tasks share the transitions queue. */
  public ExecutionRuntime(ExecutionStore store, MessageQueue transitions, TaskInvoker tasks, Clock clock, TaskTokens tokens) {
    this(store, transitions, transitions, tasks, InvocationPool.direct(), clock, tokens);
  }

  /**
   * @param taskQueue where tasks too long for a state-advance call go (see {@link InvokeMessage}):
   *     a queue whose consumer's calls may last 15 minutes, or {@code transitions} when every call may
   * @param pool how the tasks a step starts run: at the same time ({@link InvocationPool#threads}) or
   *     one after another in the step's order ({@link InvocationPool#direct()}, deterministic)
   */
  public ExecutionRuntime(ExecutionStore store, MessageQueue transitions, MessageQueue taskQueue, TaskInvoker tasks,
      InvocationPool pool, Clock clock, TaskTokens tokens) {
    this(store, transitions, taskQueue, tasks, TaskDurations.unknown(), pool, clock, tokens);
  }

  /**
   * @param durations how long a task may run at most, when known (a Lambda function's configured
   *     timeout): a Lambda task without TimeoutSeconds runs inside a state-advance call when its
   *     function is sure to end there
   */
  public ExecutionRuntime(ExecutionStore store, MessageQueue transitions, MessageQueue taskQueue, TaskInvoker tasks,
      TaskDurations durations, InvocationPool pool, Clock clock, TaskTokens tokens) {
    this(store, transitions, transitions, taskQueue, tasks, durations, pool, clock, tokens);
  }

  /**
   * @param timers where delayed transitions wait until due (see {@link StateAdvance#forward}): a standard
   *     queue next to a FIFO {@code transitions} queue, or {@code transitions} itself when it takes delays
   */
  public ExecutionRuntime(ExecutionStore store, MessageQueue transitions, MessageQueue timers, MessageQueue taskQueue,
      TaskInvoker tasks, TaskDurations durations, InvocationPool pool, Clock clock, TaskTokens tokens) {
    Replayer replayer = new Replayer(tokens);
    Transitions queue = new Transitions(transitions, timers, taskQueue);
    this.commands = new ExecutionCommands(store, queue, clock, replayer, tokens);
    this.effects = new EffectPerformer(commands, queue, tasks, durations, pool);
    this.stateAdvance = new StateAdvance(commands, queue, replayer, effects);
  }

  /**
   * Where distributed Maps' ItemReaders read and ResultWriters write: S3 as the environment
   * configures it unless this is called (an embedded runtime's in-memory twin, moto_server).
   */
  public ExecutionRuntime useObjectStore(dev.nestflow.infrastructure.objects.ObjectStore objects) {
    effects.mapRuns().items().use(objects);
    return this;
  }

  /** What the API asks of executions: StartExecution, StopExecution, SendTask*, describe, activities. */
  public ExecutionCommands commands() {
    return commands;
  }

  /** What the state-advance consumer calls for each transition message. */
  public StateAdvance stateAdvance() {
    return stateAdvance;
  }

  public ExecutionStore store() {
    return commands.store();
  }
}
