package dev.nestflow.core.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** What the interpreter asks the outside world to do after a step. */
public sealed interface Effect {

  /** Deliver {@link Signal.TimerFired} with {@code key} at {@code dueAt}. */
  record ScheduleTimer(String key, Instant dueAt) implements Effect {}

  /**
   * Run a task and answer with {@link Signal.TaskSucceeded} or {@link Signal.TaskFailed} for
   * {@code key}. {@code token} is set for callback ({@code .waitForTaskToken}) tasks.
   */
  record InvokeTask(
      String key,
      String stateName,
      String resource,
      JsonNode input,
      String token,
      Integer timeoutSeconds,
      Integer heartbeatSeconds)
      implements Effect {}

  /**
   * A task still waiting was abandoned (its execution was stopped, or a sibling branch or iteration
   * failed): whatever the task started on its behalf may be stopped too. Best effort: the outcome
   * of the execution does not depend on it.
   */
  record CancelTask(String key, String resource, JsonNode input) implements Effect {}

  /**
   * Start the map run of a distributed Map and answer with {@link Signal.TaskSucceeded} (the Map's
   * result: the children's outputs in item order, or the ResultWriter's details) or {@link
   * Signal.TaskFailed} for {@code key} when it ends.
   */
  record StartMapRun(String key, MapRunRequest request) implements Effect {}

  /**
   * Redrive the map run {@code mapRunArn} that ended unsuccessfully (RedriveExecution of its parent):
   * only its children that did not succeed run again, those that did keep their outputs; answer as
   * for {@link StartMapRun}, under the new {@code key}. {@code redriveCount} counts this redrive.
   */
  record RedriveMapRun(String key, String mapRunArn, int redriveCount) implements Effect {}

  /**
   * The distributed Map waiting on map run {@code mapRunArn} was abandoned (its execution was stopped,
   * or a sibling branch failed): the map run is aborted with its running children.
   */
  record StopMapRun(String key, String mapRunArn) implements Effect {}

  /** The execution ended (status SUCCEEDED, FAILED, TIMED_OUT or ABORTED). */
  record CompleteExecution(ExecutionStatus status, JsonNode output, String error, String cause) implements Effect {}
}
