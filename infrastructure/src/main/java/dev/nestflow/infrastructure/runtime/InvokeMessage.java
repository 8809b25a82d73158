package dev.nestflow.infrastructure.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.interpreter.Effect;
import dev.nestflow.core.json.Json;

/**
 * A task the step that started it could not run within its call (a Lambda function that may run
 * longer than the call has left): "run task {@code task} of the execution, started by the step
 * logged as {@code stepSeq}". The consumer runs it only while the execution runs and the task's
 * answer is not logged (a redelivery re-invokes only a task whose answer was never recorded), and
 * sends the answer to the transitions queue, where a state-advance call (whose cache holds the
 * execution) applies it.
 *
 * <p>The task travels in the message, so the consumer needs no replay of the log. A task whose
 * input is too large for one SQS message travels as its key alone ({@code task} null): the consumer
 * then finds it in the log, among the effects of step {@code stepSeq}.
 */
record InvokeMessage(String executionArn, String taskKey, long stepSeq, Effect.InvokeTask task) {
  private static final String FIELD = "invoke";
  /** Inputs up to this size travel in the message (SQS takes 256 KiB, and the message carries more). */
  static final int LARGEST_INPUT = 200 * 1024;

  static InvokeMessage of(String executionArn, long stepSeq, Effect.InvokeTask task) {
    String input = Json.write(task.input());
    return new InvokeMessage(executionArn, task.key(), stepSeq, input.length() <= LARGEST_INPUT ? task : null);
  }

  /** Whether a queue message body (parsed) is an invoke message rather than a transition message. */
  static boolean is(JsonNode body) {
    return body.has(FIELD);
  }

  /** The signal id of the task's answer: the same as when the step runs the task itself. */
  SignalId answerId() {
    return SignalId.taskAnswer(taskKey, stepSeq);
  }

  String toJson() {
    ObjectNode n = Json.object();
    n.put("arn", executionArn);
    n.put(FIELD, taskKey);
    n.put("seq", stepSeq);
    if (task != null) {
      ObjectNode t = n.putObject("task");
      t.put("state", task.stateName());
      t.put("resource", task.resource());
      t.set("input", task.input());
      if (task.token() != null) {
        t.put("token", task.token());
      }
      if (task.timeoutSeconds() != null) {
        t.put("timeout", task.timeoutSeconds());
      }
      if (task.heartbeatSeconds() != null) {
        t.put("heartbeat", task.heartbeatSeconds());
      }
    }
    return Json.write(n);
  }

  static InvokeMessage fromJson(JsonNode n) {
    String key = n.path(FIELD).asText();
    JsonNode t = n.get("task");
    Effect.InvokeTask task = t == null ? null : new Effect.InvokeTask(key, t.path("state").asText(),
        t.path("resource").asText(), t.get("input"), t.hasNonNull("token") ? t.get("token").asText() : null,
        t.hasNonNull("timeout") ? t.get("timeout").asInt() : null,
        t.hasNonNull("heartbeat") ? t.get("heartbeat").asInt() : null);
    return new InvokeMessage(n.path("arn").asText(), key, n.path("seq").asLong(), task);
  }
}
