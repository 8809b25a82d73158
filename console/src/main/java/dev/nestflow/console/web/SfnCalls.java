package dev.nestflow.console.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One Step Functions API call: the operation name (as after {@code AWSStepFunctions.}) and its JSON
 * request, answered with the JSON response. {@code nestflow serve} answers it in process,
 * {@code nestflow proxy} through the deployed stack, {@code nestflow graph} over HTTP.
 */
@FunctionalInterface
public interface SfnCalls {
  JsonNode call(String operation, ObjectNode request);

  /** An error answer of the API: its {@code __type} and {@code message}. */
  final class Failure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String type;

    public Failure(String type, String message) {
      super(message);
      this.type = type;
    }

    public String type() {
      return type;
    }
  }
}
