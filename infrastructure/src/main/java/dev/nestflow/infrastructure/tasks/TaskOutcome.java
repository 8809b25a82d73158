package dev.nestflow.infrastructure.tasks;

import com.fasterxml.jackson.databind.JsonNode;

/** What running a task gave: a result, a failure, or nothing yet (the answer comes by token). */
public sealed interface TaskOutcome {
  record Succeeded(JsonNode output) implements TaskOutcome {}

  record Failed(String error, String cause) implements TaskOutcome {}

  /**
   * Handed over: the task ends when someone answers its token or the child it started ends (or its
   * timeout fires). {@code response}, when not null, is what the call returned (TaskSubmitted).
   */
  record Pending(JsonNode response) implements TaskOutcome {
    public Pending() {
      this(null);
    }
  }
}
