package dev.nestflow.infrastructure.runtime;

import dev.nestflow.infrastructure.queue.MessageQueue;
import dev.nestflow.infrastructure.store.ExecutionStore;
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

  public ExecutionRuntime(ExecutionStore store, MessageQueue transitions, TaskInvoker tasks, Clock clock, TaskTokens tokens) {
    Replayer replayer = new Replayer(tokens);
    Transitions queue = new Transitions(transitions);
    this.commands = new ExecutionCommands(store, queue, clock, replayer, tokens);
    this.stateAdvance = new StateAdvance(commands, queue, replayer, new EffectPerformer(commands, queue, tasks));
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
