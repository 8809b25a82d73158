package dev.nestflow.infrastructure.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.json.Json;

/**
 * A message on the transitions queue for a map run rather than an execution: a tick (look at what
 * the children came to, start more of them, or end the run), or, with a range, the check that the
 * Express children {@code from}..{@code to - 1} a call claimed have all been recorded (a call that
 * crashed while running them leaves them to this check, which runs them again: Express children
 * are at-least-once, as on AWS). Both are idempotent.
 */
record MapRunMessage(String mapRunArn, Integer from, Integer to) {
  MapRunMessage(String mapRunArn) {
    this(mapRunArn, null, null);
  }

  static boolean is(JsonNode message) {
    return message.has("mapRun");
  }

  boolean isCheck() {
    return from != null;
  }

  static MapRunMessage fromJson(JsonNode message) {
    return new MapRunMessage(message.path("mapRun").asText(),
        message.has("from") ? message.get("from").asInt() : null, message.has("to") ? message.get("to").asInt() : null);
  }

  String toJson() {
    ObjectNode n = Json.object().put("mapRun", mapRunArn);
    if (from != null) {
      n.put("from", from).put("to", to);
    }
    return Json.write(n);
  }
}
