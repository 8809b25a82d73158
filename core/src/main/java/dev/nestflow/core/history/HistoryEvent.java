package dev.nestflow.core.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.json.Json;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * Builds history events in the shape GetExecutionHistory returns: {@code timestamp} (epoch seconds
 * with milliseconds), {@code type}, {@code id}, {@code previousEventId} and one details object
 * whose payload fields ({@code input}, {@code output}, ...) are JSON text.
 */
public final class HistoryEvent {
  private HistoryEvent() {}

  public static ObjectNode create(long id, long previousEventId, Instant at, String type, String detailsKey, ObjectNode details) {
    ObjectNode e = Json.object();
    e.put("timestamp", BigDecimal.valueOf(at.toEpochMilli(), 3));
    e.put("type", type);
    e.put("id", id);
    e.put("previousEventId", previousEventId);
    if (detailsKey != null) {
      e.set(detailsKey, details);
    }
    return e;
  }

  /** {@code {"input": text, "inputDetails": {"truncated": false}}} and friends. */
  public static ObjectNode payload(ObjectNode details, String field, JsonNode value) {
    return payloadText(details, field, Json.write(value));
  }

  /** As {@link #payload}, with the value's compact JSON text already written. */
  public static ObjectNode payloadText(ObjectNode details, String field, String text) {
    details.put(field, text);
    details.putObject(detailsName(field)).put("truncated", false);
    return details;
  }

  /** {@code inputDetails} for {@code input}: the common names without building a string per event. */
  private static String detailsName(String field) {
    return switch (field) {
      case "input" -> "inputDetails";
      case "output" -> "outputDetails";
      case "result" -> "resultDetails";
      default -> field + "Details";
    };
  }

  /** Puts {@code error} and {@code cause} when present (AWS omits absent ones). */
  public static ObjectNode errorAndCause(ObjectNode details, String error, String cause) {
    if (error != null) {
      details.put("error", error);
    }
    if (cause != null) {
      details.put("cause", cause);
    }
    return details;
  }
}
