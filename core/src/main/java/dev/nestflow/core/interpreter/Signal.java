package dev.nestflow.core.interpreter;

import com.fasterxml.jackson.databind.JsonNode;

/** What the outside world tells a waiting execution. */
public sealed interface Signal {

  record TimerFired(String key) implements Signal {}

  record TaskSucceeded(String key, JsonNode output) implements Signal {}

  record TaskFailed(String key, String error, String cause) implements Signal {}

  /** StopExecution: ends the execution as ABORTED. */
  record Stop(String error, String cause) implements Signal {}
}
