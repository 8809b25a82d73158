package dev.nestflow.core.states;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Task: calls the resource (a Lambda function, an optimized or SDK service integration, an
 * activity) and waits for its result according to its integration pattern.
 */
public record TaskState(
    StateCommon common,
    String resource,
    Field timeoutSeconds,
    Field heartbeatSeconds,
    JsonNode credentials)
    implements State {
  @Override
  public String typeName() {
    return "Task";
  }
}
