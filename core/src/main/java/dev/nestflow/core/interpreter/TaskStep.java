package dev.nestflow.core.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.errors.ErrorNames;
import dev.nestflow.core.errors.StatesException;
import dev.nestflow.core.history.HistoryEvent;
import dev.nestflow.core.json.Json;
import dev.nestflow.core.jsonata.JsonataTemplates;
import dev.nestflow.core.states.Field;
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
    String key = f.newKey("task");
    // callback tasks and .sync tasks (which may also be answered by token) get a task token
    String token = resource.pattern() != TaskResource.Pattern.REQUEST_RESPONSE ? ex.env().taskToken(key) : null;
    InputOutput io = InputOutput.of(s);
    Evaluation ev = new Evaluation(ex, f, s, token);
    io.selectInput(ev);
    JsonNode taskInput = io.arguments(ev);
    Integer timeout = seconds(ev, s.timeoutSeconds());
    Integer heartbeat = seconds(ev, s.heartbeatSeconds());
    ex.checkPayload(s, taskInput);
    f.taskInput = taskInput;
    f.task = new TaskWait();
    if (resource.kind() == TaskResource.Kind.LAMBDA_FUNCTION) {
      ObjectNode details = Json.object();
      HistoryEvent.payload(details, "input", taskInput);
      details.put("resource", s.resource());
      if (timeout != null) {
        details.put("timeoutInSeconds", timeout);
      }
      ex.emit(f, "LambdaFunctionScheduled", "lambdaFunctionScheduledEventDetails", details);
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
      f.task.unannouncedActivity = details;
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
      ex.emit(f, "TaskScheduled", "taskScheduledEventDetails", details);
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
    ex.emit(f, "TaskSubmitted", "taskSubmittedEventDetails", details);
  }

  /** An activity worker took the task. */
  void started(Frame f, TaskState s, String workerName) {
    announceActivity(f);
    ObjectNode details = Json.object();
    if (workerName != null) {
      details.put("workerName", workerName);
    }
    ex.emit(f, "ActivityStarted", "activityStartedEventDetails", details);
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
    if (f.task.unannouncedActivity != null) {
      ex.emit(f, "ActivityScheduled", "activityScheduledEventDetails", f.task.unannouncedActivity);
      f.task.unannouncedActivity = null;
    }
  }

  private void finish(Frame f, TaskState s, TaskResource resource) {
    TaskWait t = f.task;
    if (t.unannouncedActivity != null && !t.timedOut && ErrorNames.RUNTIME.equals(t.error)) {
      // the runtime refused to schedule the activity task (the activity does not exist): the state
      // fails as a runtime error of its own, described with where it was entered
      t.unannouncedActivity = null;
      throw new StatesException(ErrorNames.RUNTIME, t.cause);
    }
    announceActivity(f);
    boolean lambda = resource.kind() == TaskResource.Kind.LAMBDA_FUNCTION;
    boolean oversized = t.error == null && t.result != null
        && Json.utf8Size(t.result) > Execution.MAX_PAYLOAD_BYTES;
    if (oversized) {
      // AWS reports this as the task's failure, naming the resource (the Lambda ARN, or the service)
      t.error = ErrorNames.DATA_LIMIT_EXCEEDED;
      t.cause = "The state/task '" + (lambda ? s.resource() : resource.resourceType())
          + "' returned a result with a size exceeding the maximum number of bytes service limit.";
    }
    String[] names = outcomeNames(resource);
    boolean service = resource.kind() == TaskResource.Kind.SERVICE;
    if (t.error != null) {
      String error = t.error.isEmpty() ? null : t.error;
      String outcome = t.timedOut ? "TimedOut" : "Failed";
      ObjectNode details = service ? resourceDetails(resource) : Json.object();
      HistoryEvent.errorAndCause(details, error, t.cause);
      ex.emit(f, names[0] + outcome, names[1] + outcome + "EventDetails", details);
      if (oversized) {
        ex.failStateCatchable(f, s, error, t.cause);
      } else {
        ex.failState(f, s, error, t.cause);
      }
      return;
    }
    JsonNode result = t.result;
    ObjectNode details = service ? resourceDetails(resource) : Json.object();
    HistoryEvent.payload(details, "output", result);
    ex.emit(f, names[0] + "Succeeded", names[1] + "SucceededEventDetails", details);
    InputOutput.of(s).exitWithResult(new Evaluation(ex, f, s), result);
  }

  /**
   * TimeoutSeconds or HeartbeatSeconds: a literal, a positive integer found at the path, or an
   * expression giving one.
   */
  private static Integer seconds(Evaluation ev, Field field) {
    if (field == null) {
      return null;
    }
    if (field instanceof Field.Literal literal) {
      return literal.value().asInt();
    }
    JsonNode v = ev.value(field);
    if (field instanceof Field.Jsonata j) {
      if (!v.isIntegralNumber() || v.asLong() < 1 || v.asLong() > Integer.MAX_VALUE) {
        throw QueryEvaluationFailed.of(JsonataTemplates.unexpectedType(j.expression(), j.name(), "integer", v));
      }
      return v.intValue();
    }
    if (!v.isIntegralNumber() || v.asLong() < 1 || v.asLong() > 99_999_999L) {
      throw new StatesException(ErrorNames.RUNTIME,
          "The " + field.name() + " field refers to value \"" + Json.text(v)
              + "\" which is not a valid positive integer: " + ((Field.Path) field).path());
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
