package dev.nestflow.cli.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.json.Json;
import dev.nestflow.infrastructure.api.SfnApi;
import dev.nestflow.infrastructure.queue.DeadLetterQueue;
import dev.nestflow.infrastructure.queue.MessageQueue;
import dev.nestflow.infrastructure.queue.MessageSeal;
import dev.nestflow.infrastructure.queue.QueueMessage;
import dev.nestflow.infrastructure.runtime.DeadLetter;
import dev.nestflow.infrastructure.store.ExecutionStore;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/**
 * {@code serve}'s dead-letter queue over HTTP, for {@code nestflow dlq}: not part of the Step
 * Functions API (its targets begin with {@value #TARGET_PREFIX}, which no SDK sends).
 * {@code List} decodes the dead-lettered messages; {@code Redrive} moves them (all, or those of one
 * {@code executionArn}) back to the transitions queue, as sealed as they were.
 */
final class DeadLetterApi {
  static final String TARGET_PREFIX = "NestflowDeadLetters.";

  private final DeadLetterQueue dead;
  private final MessageQueue transitions;
  private final MessageSeal seal;
  private final ExecutionStore store;

  /** {@code dead} and {@code transitions} as stored (not signed wrappers). */
  DeadLetterApi(DeadLetterQueue dead, MessageQueue transitions, MessageSeal seal, ExecutionStore store) {
    this.dead = dead;
    this.transitions = transitions;
    this.seal = seal;
    this.store = store;
  }

  static boolean handles(String target) {
    return target != null && target.startsWith(TARGET_PREFIX);
  }

  SfnApi.Response handle(String target, byte[] body) {
    String requestId = UUID.randomUUID().toString();
    try {
      JsonNode request = body.length == 0 ? Json.object() : Json.parse(new String(body, StandardCharsets.UTF_8));
      String arn = request.path("executionArn").asText(null);
      ObjectNode out = Json.object();
      switch (target.substring(TARGET_PREFIX.length())) {
        case "List" -> write(out.putArray("messages"), dead.list(request.path("maxResults").asInt(1000)));
        case "Redrive" -> {
          List<QueueMessage> moved = dead.moveBack(transitions,
              m -> arn == null || arn.equals(DeadLetter.of(m, seal, null).executionArn()));
          out.put("moved", moved.size());
          write(out.putArray("messages"), moved);
        }
        default -> {
          return new SfnApi.Response(400, error("UnknownOperationException", "unknown operation " + target), requestId);
        }
      }
      return new SfnApi.Response(200, Json.write(out), requestId);
    } catch (RuntimeException e) {
      return new SfnApi.Response(500, error("InternalFailure", String.valueOf(e)), requestId);
    }
  }

  private void write(ArrayNode into, List<QueueMessage> messages) {
    messages.forEach(m -> into.add(DeadLetter.of(m, seal, store).toJson()));
  }

  private static String error(String type, String message) {
    ObjectNode n = Json.object();
    n.put("__type", type);
    n.put("message", message);
    return Json.write(n);
  }
}
