package dev.nestflow.infrastructure.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.interpreter.Effect;
import dev.nestflow.core.interpreter.ExecutionStatus;
import dev.nestflow.core.interpreter.Signal;
import dev.nestflow.core.json.Json;
import dev.nestflow.infrastructure.store.ExecutionRecord;
import dev.nestflow.infrastructure.tasks.TaskOutcome;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * The {@code states:startExecution} integration in its four patterns: fire-and-forget (the result
 * is the StartExecution response), {@code .sync} and {@code .sync:2} (the parent waits for the
 * child and gets its description, Input/Output as text or as JSON) and {@code .waitForTaskToken}
 * (the parent waits for its token). Child starts are idempotent under redelivery: a child's name
 * is derived from the parent and task attempt when the user gave none, and a child this task
 * already started is found before anything is started again.
 */
final class NestedExecutions {
  static final String SYNC = "SYNC";
  static final String SYNC_2 = "SYNC_2";

  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", java.util.Locale.ROOT).withZone(ZoneOffset.UTC);

  private final ExecutionCommands commands;

  NestedExecutions(ExecutionCommands commands) {
    this.commands = commands;
  }

  static boolean handles(String resource) {
    int i = resource.indexOf(":states:::states:startExecution");
    return resource.startsWith("arn:") && i > 0;
  }

  /** Whether a task on this resource always records TaskSubmitted (a nested start the parent waits on). */
  static boolean submits(String resource) {
    return handles(resource) && !"FIRE_AND_FORGET".equals(pattern(resource));
  }

  private static String pattern(String resource) {
    if (resource.endsWith(".sync:2")) {
      return SYNC_2;
    }
    if (resource.endsWith(".sync")) {
      return SYNC;
    }
    return resource.endsWith(".waitForTaskToken") ? "CALLBACK" : "FIRE_AND_FORGET";
  }

  /**
   * What starting a child gave: the outcome that answers the parent's task (or leaves it pending),
   * and the child whose start the caller must apply after that answer (null when none was created).
   *
   * @param startMessage the child's start message (with its record when this task created it just now)
   */
  record Start(TaskOutcome outcome, String childArn, TransitionMessage startMessage) {}

  /**
   * Creates the child for a parent's task (or finds the one this task created before); the caller
   * applies the child's start after the parent's answer.
   */
  Start start(ExecutionRecord parent, Effect.InvokeTask task) {
    JsonNode params = task.input();
    String stateMachineArn = params.path("StateMachineArn").asText(null);
    String pattern = pattern(task.resource());
    boolean waits = SYNC.equals(pattern) || SYNC_2.equals(pattern);
    String name = childName(parent, task.key(), params);
    String input = childInput(params.get("Input"));
    ExecutionCommands.Creation creation;
    try {
      Optional<ExecutionRecord> mine = alreadyStarted(parent, task, stateMachineArn, name);
      // a child this task created before may have missed its start (the step crashed after creating
      // it): it is started again like a new one, and a child that started already changes nothing
      creation = mine.isPresent()
          ? new ExecutionCommands.Creation(new ExecutionCommands.Started(mine.get().executionArn(), mine.get().startMillis()),
              TransitionMessage.start(mine.get().executionArn()))
          : commands.create(stateMachineArn, name, input,
              new ExecutionCommands.Parent(parent.executionArn(), task.key(), waits ? pattern : null));
    } catch (ApiException e) {
      return new Start(new TaskOutcome.Failed(
          "StepFunctions." + e.code() + "Exception",
          e.getMessage() + " (Service: AWSStepFunctions; Status Code: 400; Error Code: " + e.code() + "; Request ID: "
              + Ids.uuid() + "; Proxy: null)"), null, null);
    }
    ExecutionCommands.Started started = creation.started();
    ObjectNode response = startResponse(started);
    TaskOutcome outcome = "FIRE_AND_FORGET".equals(pattern) ? new TaskOutcome.Succeeded(response) : new TaskOutcome.Pending(response);
    return new Start(outcome, started.executionArn(), creation.startMessage());
  }

  private Optional<ExecutionRecord> alreadyStarted(ExecutionRecord parent, Effect.InvokeTask task, String smArn, String name) {
    if (smArn == null) {
      return Optional.empty();
    }
    String arn = smArn.replace(":stateMachine:", ":execution:") + ":" + name;
    return commands.store().execution(arn)
        .filter(child -> parent.executionArn().equals(child.parentArn()) && task.key().equals(child.parentTaskKey()));
  }

  /** The child's input text: absent or null is {@code {}}, JSON text strings pass through, values are serialised. */
  static String childInput(JsonNode input) {
    if (input == null || input.isNull()) {
      return "{}";
    }
    if (input.isTextual()) {
      String text = input.asText();
      try {
        Json.parse(text);
        return text;
      } catch (Json.JsonSyntaxException notJson) {
        return Json.write(input);
      }
    }
    return Json.write(input);
  }

  /** The StartExecution response as the integration returns it, SDK metadata included. */
  private static ObjectNode startResponse(ExecutionCommands.Started started) {
    String requestId = Ids.uuid();
    String body = "{\"executionArn\":\"" + started.executionArn() + "\",\"startDate\":" + started.startMillis() / 1000.0 + "}";
    String date = HTTP_DATE.format(Instant.ofEpochMilli(started.startMillis()));
    ObjectNode r = Json.object();
    r.put("ExecutionArn", started.executionArn());
    ObjectNode http = r.putObject("SdkHttpMetadata");
    ObjectNode all = http.putObject("AllHttpHeaders");
    all.putArray("x-amzn-RequestId").add(requestId);
    all.putArray("connection").add("keep-alive");
    all.putArray("Content-Length").add(String.valueOf(body.length()));
    all.putArray("Date").add(date);
    all.putArray("Content-Type").add("application/x-amz-json-1.0");
    ObjectNode headers = http.putObject("HttpHeaders");
    headers.put("connection", "keep-alive");
    headers.put("Content-Length", String.valueOf(body.length()));
    headers.put("Content-Type", "application/x-amz-json-1.0");
    headers.put("Date", date);
    headers.put("x-amzn-RequestId", requestId);
    http.put("HttpStatusCode", 200);
    r.putObject("SdkResponseMetadata").put("RequestId", requestId);
    r.put("StartDate", started.startMillis());
    return r;
  }

  /** The child's name: the task's Name, or one derived from the parent and the task attempt. */
  private static String childName(ExecutionRecord parent, String taskKey, JsonNode params) {
    return params.hasNonNull("Name") ? params.get("Name").asText() : Ids.uuidFrom(parent.executionArn() + "/" + taskKey);
  }

  /**
   * The parent abandoned a {@code .sync}/{@code .sync:2} task (it was stopped, or a sibling branch
   * or iteration failed): stop the child it started, best effort, naming the parent in the cause.
   * Fire-and-forget and callback children are never stopped by their parent.
   */
  void stopChild(ExecutionRecord parent, Effect.CancelTask cancel) {
    String pattern = handles(cancel.resource()) ? pattern(cancel.resource()) : null;
    if (!SYNC.equals(pattern) && !SYNC_2.equals(pattern) || cancel.input() == null) {
      return;
    }
    String smArn = cancel.input().path("StateMachineArn").asText(null);
    if (smArn == null) {
      return;
    }
    String arn = smArn.replace(":stateMachine:", ":execution:") + ":" + childName(parent, cancel.key(), cancel.input());
    commands.store().execution(arn)
        .filter(child -> child.running() && parent.executionArn().equals(child.parentArn()))
        .ifPresent(child -> commands.stopExecution(arn, null,
            "The parent execution " + parent.executionArn() + " no longer waits for this execution."));
  }

  /** A child with a waiting parent ended: answer the parent's task with the child's description. */
  void notifyParent(ExecutionRecord child, Effect.CompleteExecution done) {
    if (child.parentArn() == null || child.parentTaskKey() == null || child.parentPattern() == null) {
      return;
    }
    boolean parsed = SYNC_2.equals(child.parentPattern());
    ObjectNode d = Json.object();
    if (done.cause() != null) {
      d.put("Cause", done.cause());
    }
    if (done.error() != null) {
      d.put("Error", done.error());
    }
    d.put("ExecutionArn", child.executionArn());
    boolean succeeded = done.status() == ExecutionStatus.SUCCEEDED;
    if (parsed && succeeded) {
      d.set("Input", Json.parse(child.inputText()));
    } else {
      d.put("Input", child.inputText());
    }
    d.putObject("InputDetails").put("Included", true);
    d.put("Name", child.name());
    if (succeeded) {
      if (parsed) {
        d.set("Output", done.output());
      } else {
        d.put("Output", Json.write(done.output()));
      }
      d.putObject("OutputDetails").put("Included", true);
    }
    d.put("StartDate", child.startMillis());
    d.put("StateMachineArn", child.stateMachineArn());
    d.put("Status", done.status().name());
    d.put("StopDate", commands.clock().millis());
    Signal signal = succeeded
        ? new Signal.TaskSucceeded(child.parentTaskKey(), d)
        : new Signal.TaskFailed(child.parentTaskKey(), "States.TaskFailed", Json.write(d));
    commands.send(new TransitionMessage(child.parentArn(), SignalId.childAnswer(child.parentTaskKey()).text(), signal, null), Duration.ZERO);
  }
}
