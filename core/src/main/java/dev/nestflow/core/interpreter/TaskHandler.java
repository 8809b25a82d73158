package dev.nestflow.core.interpreter;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Runs a task for the embedded runner: returns the result, or throws
 * {@link dev.nestflow.core.errors.StatesException} with the task's error and cause.
 */
@FunctionalInterface
public interface TaskHandler {
  JsonNode handle(Effect.InvokeTask task);
}
