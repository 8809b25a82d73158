package dev.nestflow.infrastructure.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.json.Json;
import dev.nestflow.infrastructure.queue.MessageSeal;
import dev.nestflow.infrastructure.queue.QueueMessage;
import dev.nestflow.infrastructure.store.DeadLetterNote;
import dev.nestflow.infrastructure.store.ExecutionStore;
import java.util.List;

/**
 * One dead-lettered message, decoded for an operator: the execution and signal it carries, whether
 * its signature verifies (null when no key was given), how many times it was received, and the
 * reason and time its last attempt failed (from the note the runtime recorded on the execution;
 * null when there is none or no store was given).
 */
public record DeadLetter(String messageId, String executionArn, String signalId, String signalType, Boolean verified,
    int receiveCount, String reason, Long failedAtMillis, String body) {

  /** Decodes {@code m}; {@code seal} and {@code store} are optional. */
  public static DeadLetter of(QueueMessage m, MessageSeal seal, ExecutionStore store) {
    Boolean verified = null;
    String opened = m.body();
    if (seal != null) {
      try {
        opened = seal.open(m.body());
        verified = true;
      } catch (MessageSeal.Refused refused) {
        verified = false;
      }
    }
    String arn = null;
    String signalId = null;
    String type = null;
    try {
      JsonNode n = Json.parse(opened);
      arn = n.path("arn").asText(null);
      if (InvokeMessage.is(n)) {
        InvokeMessage invoke = InvokeMessage.fromJson(n);
        arn = invoke.executionArn();
        signalId = invoke.answerId().text();
        type = "InvokeTask";
      } else {
        signalId = n.path("id").asText(null);
        type = n.has("signal") ? n.path("signal").path("type").asText(null) : "Start";
      }
    } catch (RuntimeException unreadable) {
      type = "unreadable";
    }
    String reason = null;
    Long at = null;
    if (store != null && arn != null && signalId != null) {
      try {
        for (DeadLetterNote note : store.deadLetters(arn)) {
          if (note.signalId().equals(signalId)) {
            reason = note.reason();
            at = note.atMillis();
          }
        }
      } catch (RuntimeException storeFailed) {
        reason = "(no note: " + storeFailed.getMessage() + ")";
      }
    }
    return new DeadLetter(m.messageId(), arn, signalId, type, verified, m.receiveCount(), reason, at, m.body());
  }

  public ObjectNode toJson() {
    ObjectNode n = Json.object();
    n.put("messageId", messageId);
    n.put("executionArn", executionArn);
    n.put("signalId", signalId);
    n.put("signal", signalType);
    if (verified != null) {
      n.put("verified", verified);
    }
    n.put("receiveCount", receiveCount);
    n.put("reason", reason);
    if (failedAtMillis != null) {
      n.put("failedAt", java.time.Instant.ofEpochMilli(failedAtMillis).toString());
    }
    return n;
  }

  /** One line per message, as {@code nestflow dlq list} prints them. */
  public static String describe(List<DeadLetter> letters) {
    StringBuilder out = new StringBuilder();
    for (DeadLetter d : letters) {
      out.append(Json.write(d.toJson())).append('\n');
    }
    return out.toString();
  }
}
