package dev.nestflow.core.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.errors.ErrorNames;
import dev.nestflow.core.errors.StatesException;
import dev.nestflow.core.history.HistoryEvent;
import dev.nestflow.core.json.Json;
import dev.nestflow.core.jsonata.Jsonata;
import dev.nestflow.core.jsonata.JsonataTemplates;
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
    // callback tasks and .sync tasks (which may also be answered by token) get a task token
    String token = resource.pattern() != TaskResource.Pattern.REQUEST_RESPONSE ? ex.env().taskToken(key) : null;
    JsonNode taskInput;
    Integer timeout;
    Integer heartbeat;
    if (c.jsonata()) {
      JsonataScope js = JsonataScope.of(ex, f, s, f.stateInput, token);
      f.effectiveInput = f.stateInput;
      taskInput = c.arguments() == null ? f.stateInput : js.evaluate(c.arguments(), "Arguments");
      timeout = seconds(js, s.timeoutSeconds(), "TimeoutSeconds");
      heartbeat = seconds(js, s.heartbeatSeconds(), "HeartbeatSeconds");
    } else {
      Scope scope = StateRunners.scope(ex, f, s, f.stateInput, token);
      JsonNode effective = StateIo.inputPath(c.inputPath(), scope);
      f.effectiveInput = effective;
      taskInput = StateIo.template(c.parameters(), scope.withInput(effective), ex, effective);
      timeout = seconds(s.timeoutSeconds(), s.timeoutSecondsPath(), "TimeoutSecondsPath", scope.withInput(effective));
      heartbeat = seconds(s.heartbeatSeconds(), s.heartbeatSecondsPath(), "HeartbeatSecondsPath", scope.withInput(effective));
    }
    ex.checkPayload(s, taskInput);
    f.taskInput = taskInput;
    if (resource.kind() == TaskResource.Kind.LAMBDA_FUNCTION) {
      ObjectNode details = Json.object();
      HistoryEvent.payload(details, "input", taskInput);
      details.put("resource", s.resource());
      if (timeout != null) {
        details.put("timeoutInSeconds", timeout);
      }
      ex.emit(f, "LambdaFunctionScheduled", "lambdaFunctionScheduledEventDetails", details, true);
      ex.emitStartedAfterStep(f, key, "LambdaFunctionStarted", null, null);
    } else if (resource.kind() == TaskResource.Kind.ACTIVITY) {
      ObjectNode details = Json.object();
      HistoryEvent.payload(details, "input", taskInput);
      details.put("resource", s.resource());
      if (timeout != null) {
        details.put("timeoutInSeconds", timeout);
      }
      if (heartbeat != null) {
        details.put("heartbeatInSeconds", heartbeat);
      }
      // written once the runtime accepts the task: a Task naming an activity that does not exist
      // fails right after its StateEntered event, with no ActivityScheduled
      f.unannouncedActivity = details;
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
      ex.emitStartedAfterStep(f, key, "TaskStarted", "taskStartedEventDetails", resourceDetails(resource));
    }
    f.phase = Frame.Phase.TASK_DONE;
    ex.blockOnTask(f, new Effect.InvokeTask(key, s.name(), s.resource(), taskInput, token, timeout, heartbeat));
  }

  /** The call was made and the task now waits for its answer: TaskSubmitted with the call's response. */
  void submitted(Frame f, TaskState s, JsonNode output) {
    TaskResource resource = TaskResource.parse(s.resource());
    if (resource.kind() == TaskResource.Kind.ACTIVITY) {
      announceActivity(f);
      return;
    }
    ObjectNode details = resourceDetails(resource);
    HistoryEvent.payload(details, "output", output);
    ex.emit(f, "TaskSubmitted", "taskSubmittedEventDetails", details, true);
  }

  /** An activity worker took the task. */
  void started(Frame f, TaskState s, String workerName) {
    announceActivity(f);
    ObjectNode details = Json.object();
    if (workerName != null) {
      details.put("workerName", workerName);
    }
    ex.emit(f, "ActivityStarted", "activityStartedEventDetails", details, true);
  }

  /** The event type prefix and details-key prefix of a task's outcome events. */
  private static String[] outcomeNames(TaskResource resource) {
    return switch (resource.kind()) {
      case LAMBDA_FUNCTION -> new String[] {"LambdaFunction", "lambdaFunction"};
      case ACTIVITY -> new String[] {"Activity", "activity"};
      case SERVICE -> new String[] {"Task", "task"};
    };
  }

  /**
   * Writes the held-back ActivityScheduled event: the runtime accepted the task, or answered it
   * (a worker, a timeout) before saying so.
   */
  private void announceActivity(Frame f) {
    if (f.unannouncedActivity != null) {
      ex.emit(f, "ActivityScheduled", "activityScheduledEventDetails", f.unannouncedActivity, true);
      f.unannouncedActivity = null;
    }
  }

  private void finish(Frame f, TaskState s, TaskResource resource) {
    if (f.unannouncedActivity != null && !f.timedOut && ErrorNames.RUNTIME.equals(f.pendingError)) {
      // the runtime refused to schedule the activity task (the activity does not exist): the state
      // fails as a runtime error of its own, described with where it was entered
      f.unannouncedActivity = null;
      throw new StatesException(ErrorNames.RUNTIME, f.pendingCause);
    }
    announceActivity(f);
    boolean lambda = resource.kind() == TaskResource.Kind.LAMBDA_FUNCTION;
    boolean oversized = f.pendingError == null && f.pendingResult != null
        && Json.utf8Size(f.pendingResult) > Execution.MAX_PAYLOAD_BYTES;
    if (oversized) {
      // AWS reports this as the task's failure, naming the resource (the Lambda ARN, or the service)
      f.pendingError = ErrorNames.DATA_LIMIT_EXCEEDED;
      f.pendingCause = "The state/task '" + (lambda ? s.resource() : resource.resourceType())
          + "' returned a result with a size exceeding the maximum number of bytes service limit.";
    }
    String[] names = outcomeNames(resource);
    boolean service = resource.kind() == TaskResource.Kind.SERVICE;
    if (f.pendingError != null) {
      String error = f.pendingError.isEmpty() ? null : f.pendingError;
      String outcome = f.timedOut ? "TimedOut" : "Failed";
      ObjectNode details = service ? resourceDetails(resource) : Json.object();
      HistoryEvent.errorAndCause(details, error, f.pendingCause);
      ex.emit(f, names[0] + outcome, names[1] + outcome + "EventDetails", details, true);
      ex.failState(f, s, error, f.pendingCause, !oversized && ErrorMatching.isTerminal(error));
      return;
    }
    JsonNode result = f.pendingResult;
    ObjectNode details = service ? resourceDetails(resource) : Json.object();
    HistoryEvent.payload(details, "output", result);
    ex.emit(f, names[0] + "Succeeded", names[1] + "SucceededEventDetails", details, true);
    StateIo.exitWithResult(ex, f, s, result);
  }

  /** TimeoutSeconds or HeartbeatSeconds of a JSONPath Task: literal, or a positive integer found at the path. */
  private static Integer seconds(JsonNode literal, String path, String field, Scope scope) {
    if (path == null) {
      return literal == null ? null : literal.asInt();
    }
    JsonNode v = scope.resolve(path);
    if (!v.isIntegralNumber() || v.asLong() < 1 || v.asLong() > 99_999_999L) {
      throw new dev.nestflow.core.errors.StatesException(dev.nestflow.core.errors.ErrorNames.RUNTIME,
          "The " + field + " field refers to value \"" + Json.text(v)
              + "\" which is not a valid positive integer: " + path);
    }
    return v.intValue();
  }

  /** TimeoutSeconds or HeartbeatSeconds of a JSONata Task: a positive integer, literal or expression. */
  private static Integer seconds(JsonataScope js, JsonNode field, String location) {
    if (field == null) {
      return null;
    }
    JsonNode v = js.evaluate(field, location);
    if (!v.isIntegralNumber() || v.asLong() < 1 || v.asLong() > Integer.MAX_VALUE) {
      String expression = field.isTextual() && Jsonata.unwrap(field.textValue()) != null ? Jsonata.unwrap(field.textValue()) : field.toString();
      throw QueryEvaluationFailed.of(JsonataTemplates.unexpectedType(expression, location, "integer", v));
    }
    return v.intValue();
  }

  private static ObjectNode resourceDetails(TaskResource resource) {
    ObjectNode details = Json.object();
    details.put("resourceType", resource.resourceType());
    details.put("resource", resource.resourceName());
    return details;
  }
}
