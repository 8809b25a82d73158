package dev.nestflow.infrastructure.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.json.Json;

/**
 * A task the step that started it could not run within its call (a Lambda function that may run
 * longer than the call has left): "run task {@code taskKey} of the step logged as {@code stepSeq}".
 * Whoever receives it finds the task in the log (its resource and input are those the step's
 * effects name), runs it only while the execution still waits on it and its answer is not logged,
 * and applies the answer. Small whatever the task's input, and idempotent: a redelivery re-invokes
 * only a task whose answer was never recorded.
 */
record InvokeMessage(String executionArn, String taskKey, long stepSeq) {
  private static final String FIELD = "invoke";

  /** Whether a queue message body (parsed) is an invoke message rather than a transition message. */
  static boolean is(JsonNode body) {
    return body.has(FIELD);
  }

  /** The signal id of the task's answer: the same as when the step runs the task itself. */
  String answerId() {
    return "task:" + taskKey + "@" + stepSeq;
  }

  String toJson() {
    ObjectNode n = Json.object();
    n.put("arn", executionArn);
    n.put(FIELD, taskKey);
    n.put("seq", stepSeq);
    return Json.write(n);
  }

  static InvokeMessage fromJson(JsonNode n) {
    return new InvokeMessage(n.path("arn").asText(), n.path(FIELD).asText(), n.path("seq").asLong());
  }
}
