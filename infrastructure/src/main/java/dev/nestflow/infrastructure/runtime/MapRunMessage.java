package dev.nestflow.infrastructure.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nestflow.core.json.Json;

/**
 * A message on the transitions queue for a map run rather than an execution: "tick" (look at what
 * the children came to, start more of them, or end the run). Ticks are idempotent: any number of
 * them, in any order, come to the same run.
 */
record MapRunMessage(String mapRunArn) {
  static boolean is(JsonNode message) {
    return message.has("mapRun");
  }

  static MapRunMessage fromJson(JsonNode message) {
    return new MapRunMessage(message.path("mapRun").asText());
  }

  String toJson() {
    return Json.write(Json.object().put("mapRun", mapRunArn));
  }
}
