package dev.nestflow.infrastructure.tasks;

import com.fasterxml.jackson.databind.JsonNode;

/** What running a task gave: a result, a failure, or nothing yet (the answer comes by token). */
public sealed interface TaskOutcome {
  record Succeeded(JsonNode output) implements TaskOutcome {}

  record Failed(String error, String cause) implements TaskOutcome {}

  /** Submitted; the task ends when someone answers its token (or its timeout fires). */
  record Pending() implements TaskOutcome {}
}
