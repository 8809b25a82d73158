package dev.nestflow.infrastructure.tasks;

/**
 * Runs Task states' resources other than nested executions (which the runtime handles itself):
 * Lambda functions, service integrations, activities. Adapters: local Java handlers (embedded) and
 * AWS Lambda/SDK calls.
 */
@FunctionalInterface
public interface TaskInvoker {
  TaskOutcome invoke(TaskRequest request);

  /** An invoker that knows no resource: every task fails as AWS fails a call to a missing function. */
  static TaskInvoker none() {
    return request -> new TaskOutcome.Failed(
        "States.TaskFailed", "No handler is registered for resource '" + request.resource() + "'.");
  }
}
