package dev.nestflow.core.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.errors.ErrorNames;
import dev.nestflow.core.history.HistoryEvent;
import dev.nestflow.core.json.Json;
import dev.nestflow.core.states.StateCommon;
import dev.nestflow.core.states.TaskState;

/**
 * Task: asks the outside world to run the resource ({@link Effect.InvokeTask}) and processes the
 * answer: ResultSelector, ResultPath, OutputPath on success; Retry/Catch on failure.
 */
final class TaskStep {
  private final Execution ex;

  TaskStep(Execution ex) {
    this.ex = ex;
  }

  void run(Frame f, TaskState s) {
    TaskResource resource = TaskResource.parse(s.resource());
    if (f.phase == Frame.Phase.TASK_DONE) {
      finish(f, s, resource);
      return;
    }
    StateCommon c = s.common();
    String key = f.newKey("task");
    String token = resource.pattern() == TaskResource.Pattern.CALLBACK ? ex.env().taskToken(key) : null;
    Scope scope = StateRunners.scope(ex, f, s, f.stateInput, token);
    JsonNode effective = StateIo.inputPath(c.inputPath(), scope);
    f.effectiveInput = effective;
    JsonNode taskInput = StateIo.template(c.parameters(), scope.withInput(effective), ex, effective);
    ex.checkPayload(s, taskInput);
    f.taskInput = taskInput;
    Integer timeout = s.timeoutSeconds() == null ? null : s.timeoutSeconds().asInt();
    Integer heartbeat = s.heartbeatSeconds() == null ? null : s.heartbeatSeconds().asInt();
    if (resource.kind() == TaskResource.Kind.LAMBDA_FUNCTION) {
      ObjectNode details = Json.object();
      HistoryEvent.payload(details, "input", taskInput);
      details.put("resource", s.resource());
      if (timeout != null) {
        details.put("timeoutInSeconds", timeout);
      }
      ex.emit(f, "LambdaFunctionScheduled", "lambdaFunctionScheduledEventDetails", details, true);
      ex.emit(f, "LambdaFunctionStarted", null, null, true);
    } else {
      ObjectNode details = resourceDetails(resource);
      details.put("region", resource.region(ex.identity().stateMachineArn()));
      details.put("parameters", Json.write(taskInput));
      if (timeout != null) {
        details.put("timeoutInSeconds", timeout);
      }
      if (heartbeat != null) {
        details.put("heartbeatInSeconds", heartbeat);
      }
      ex.emit(f, "TaskScheduled", "taskScheduledEventDetails", details, true);
      ex.emit(f, "TaskStarted", "taskStartedEventDetails", resourceDetails(resource), true);
    }
    f.phase = Frame.Phase.TASK_DONE;
    ex.blockOnTask(f, new Effect.InvokeTask(key, s.name(), s.resource(), taskInput, token, timeout, heartbeat));
  }

  private void finish(Frame f, TaskState s, TaskResource resource) {
    StateCommon c = s.common();
    boolean lambda = resource.kind() == TaskResource.Kind.LAMBDA_FUNCTION;
    boolean tooLarge = f.pendingError == null && f.pendingResult != null
        && Json.utf8Size(f.pendingResult) > Execution.MAX_PAYLOAD_BYTES;
    if (tooLarge) {
      // AWS fails the task itself (a TaskFailed event, catchable), naming the function ARN or the service
      f.pendingError = ErrorNames.DATA_LIMIT_EXCEEDED;
      f.pendingCause = "The state/task '" + (lambda ? s.resource() : resource.resourceType())
          + "' returned a result with a size exceeding the maximum number of bytes service limit.";
    }
    if (f.pendingError != null) {
      String error = f.pendingError.isEmpty() ? null : f.pendingError;
      ObjectNode details = lambda ? Json.object() : resourceDetails(resource);
      HistoryEvent.errorAndCause(details, error, f.pendingCause);
      ex.emit(f, lambda ? "LambdaFunctionFailed" : "TaskFailed",
          lambda ? "lambdaFunctionFailedEventDetails" : "taskFailedEventDetails", details, true);
      ex.failState(f, s, error, f.pendingCause, tooLarge || !ErrorMatching.isTerminal(error));
      return;
    }
    JsonNode result = f.pendingResult;
    ObjectNode details = lambda ? Json.object() : resourceDetails(resource);
    HistoryEvent.payload(details, "output", result);
    ex.emit(f, lambda ? "LambdaFunctionSucceeded" : "TaskSucceeded",
        lambda ? "lambdaFunctionSucceededEventDetails" : "taskSucceededEventDetails", details, true);
    ex.checkPayload(s, result);
    Scope scope = StateRunners.scope(ex, f, s, f.stateInput, null);
    JsonNode selected = StateIo.template(c.resultSelector(), scope.withInput(result), ex, result);
    JsonNode combined = StateIo.applyResultPath(f.stateInput, c.resultPath(), selected);
    ex.exitState(f, s, StateIo.outputPath(c.outputPath(), scope, combined), ex.nextOf(s));
  }

  private static ObjectNode resourceDetails(TaskResource resource) {
    ObjectNode details = Json.object();
    details.put("resourceType", resource.resourceType());
    details.put("resource", resource.resourceName());
    return details;
  }
}
