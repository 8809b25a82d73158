package dev.nestflow.infrastructure.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nestflow.core.errors.StatesException;
import dev.nestflow.core.interpreter.Effect;
import dev.nestflow.core.interpreter.TaskHandler;

/**
 * A {@link TaskInvoker} as the embedded runner's {@link TaskHandler} for one execution: a success is
 * the result, a failure is thrown as {@link StatesException}. The embedded runner has no way to wait
 * for a token, so a {@link TaskOutcome.Pending} outcome is refused with an IllegalStateException.
 */
public final class TaskInvokerHandler implements TaskHandler {
  private final TaskInvoker invoker;
  private final String executionArn;

  public TaskInvokerHandler(TaskInvoker invoker, String executionArn) {
    this.invoker = invoker;
    this.executionArn = executionArn;
  }

  @Override
  public JsonNode handle(Effect.InvokeTask task) {
    TaskOutcome outcome = invoker.invoke(
        new TaskRequest(executionArn, task.key(), task.stateName(), task.resource(), task.input(), task.token()));
    if (outcome instanceof TaskOutcome.Succeeded succeeded) {
      return succeeded.output();
    }
    if (outcome instanceof TaskOutcome.Failed failed) {
      throw new StatesException(failed.error(), failed.cause());
    }
    throw new IllegalStateException(
        "task '" + task.stateName() + "' waits for a token, which the embedded runner cannot deliver");
  }
}
