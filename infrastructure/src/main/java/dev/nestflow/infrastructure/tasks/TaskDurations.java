package dev.nestflow.infrastructure.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Optional;

/**
 * How long a task may run at most, when its integration knows (a Lambda function's configured
 * timeout): the runtime runs a task inside a handler call only when it is sure to end there, and
 * otherwise hands it to a consumer whose calls last long enough.
 */
@FunctionalInterface
public interface TaskDurations {
  /** The longest {@code resource} may run with {@code input} (after Parameters), or empty when unknown. */
  Optional<Duration> longestRun(String resource, JsonNode input);

  /** Nothing is known: only TimeoutSeconds bounds a task. */
  static TaskDurations unknown() {
    return (resource, input) -> Optional.empty();
  }
}
