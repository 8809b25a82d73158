package dev.nestflow.core.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.json.Json;

/**
 * Signals as JSON, for signal logs and transition messages.
 *
 * <p>A task result over AWS's payload limit (256 KiB) is encoded by its size alone: all the
 * interpreter does with such a result is fail the task with States.DataLimitExceeded, and a Lambda
 * function may return 6 MB, more than one DynamoDB item (400 KB) or SQS message (256 KiB) holds. It
 * decodes to a stand-in just over the limit, which the interpreter treats the same way.
 */
public final class SignalCodec {
  private static final String OVERSIZED = "oversizedOutputBytes";
  /** A JSON string whose compact UTF-8 encoding is one byte over the payload limit. */
  private static final JsonNode OVER_THE_LIMIT = Json.NODES.textNode("x".repeat(Execution.MAX_PAYLOAD_BYTES - 1));

  private SignalCodec() {}

  public static ObjectNode encode(Signal signal) {
    ObjectNode n = Json.object();
    if (signal instanceof Signal.TimerFired t) {
      n.put("type", "TimerFired");
      n.put("key", t.key());
    } else if (signal instanceof Signal.TaskSucceeded s) {
      n.put("type", "TaskSucceeded");
      n.put("key", s.key());
      int size = s.output() == null ? 0 : Json.utf8Size(s.output());
      if (size > Execution.MAX_PAYLOAD_BYTES) {
        n.put(OVERSIZED, size);
      } else {
        n.set("output", s.output());
      }
    } else if (signal instanceof Signal.TaskFailed f) {
      n.put("type", "TaskFailed");
      n.put("key", f.key());
      n.put("error", f.error());
      n.put("cause", f.cause());
    } else if (signal instanceof Signal.TaskSubmitted s) {
      n.put("type", "TaskSubmitted");
      n.put("key", s.key());
      n.set("output", s.output());
    } else if (signal instanceof Signal.TaskStarted s) {
      n.put("type", "TaskStarted");
      n.put("key", s.key());
      n.put("workerName", s.workerName());
    } else if (signal instanceof Signal.Heartbeat h) {
      n.put("type", "Heartbeat");
      n.put("key", h.key());
    } else if (signal instanceof Signal.Stop s) {
      n.put("type", "Stop");
      n.put("error", s.error());
      n.put("cause", s.cause());
    } else if (signal instanceof Signal.Redrive r) {
      n.put("type", "Redrive");
      if (r.clientToken() != null) {
        n.put("clientToken", r.clientToken());
      }
    } else {
      throw new IllegalArgumentException("no encoding for " + signal);
    }
    return n;
  }

  public static Signal decode(JsonNode n) {
    String type = n.path("type").asText();
    return switch (type) {
      case "TimerFired" -> new Signal.TimerFired(n.path("key").asText());
      case "TaskSucceeded" -> new Signal.TaskSucceeded(n.path("key").asText(), n.has(OVERSIZED) ? OVER_THE_LIMIT : n.get("output"));
      case "TaskFailed" -> new Signal.TaskFailed(n.path("key").asText(), text(n, "error"), text(n, "cause"));
      case "TaskSubmitted" -> new Signal.TaskSubmitted(n.path("key").asText(), n.get("output"));
      case "TaskStarted" -> new Signal.TaskStarted(n.path("key").asText(), text(n, "workerName"));
      case "Heartbeat" -> new Signal.Heartbeat(n.path("key").asText());
      case "Stop" -> new Signal.Stop(text(n, "error"), text(n, "cause"));
      case "Redrive" -> new Signal.Redrive(text(n, "clientToken"));
      default -> throw new IllegalArgumentException("unknown signal type '" + type + "'");
    };
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
