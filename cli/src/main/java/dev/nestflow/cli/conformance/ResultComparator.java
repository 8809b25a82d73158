package dev.nestflow.cli.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.interpreter.ExecutionResult;
import dev.nestflow.core.json.Json;
import java.util.List;

/**
 * Compares how an execution ended with what a case expects: status first, then the output
 * (SUCCEEDED), error and cause (FAILED, TIMED_OUT, ABORTED), or the last event (RUNNING). The
 * actual result must already be mapped back to placeholders.
 */
public final class ResultComparator {
  private final JsonMatcher matcher;

  public ResultComparator(JsonMatcher matcher) {
    this.matcher = matcher;
  }

  /** Null when the result matches, else a one-line description of the first difference. */
  public String difference(JsonNode expected, ExecutionResult actual) {
    String expectedStatus = expected.path("status").asText();
    if (!expectedStatus.equals(actual.status())) {
      return "status: expected "
          + expectedStatus
          + ", got "
          + actual.status()
          + describeEnd(actual);
    }
    switch (expectedStatus) {
      case "SUCCEEDED" -> {
        String diff = matcher.difference(expected.get("output"), actual.output());
        return diff == null ? null : "output " + diff;
      }
      case "RUNNING" -> {
        return lastEventDifference(expected.path("last_event_type").asText(null), actual.history());
      }
      default -> {
        return errorAndCauseDifference(expected, actual.error(), actual.cause());
      }
    }
  }

  /** Compares {@code error} and {@code cause} when the expectation has them. */
  public String errorAndCauseDifference(JsonNode expected, String error, String cause) {
    if (expected.has("error")) {
      JsonNode expectedError = expected.get("error");
      if (expectedError.isNull() ? error != null : error == null || !matcher.stringMatches(expectedError.asText(), error)) {
        return "error: expected " + JsonMatcher.snippet(expectedError) + ", got " + quote(error);
      }
    }
    if (expected.has("cause")) {
      String diff = causeDifference(expected.get("cause"), cause);
      if (diff != null) {
        return "cause " + diff;
      }
    }
    return null;
  }

  /** The expected cause is an object when AWS's cause was JSON object text: parse the actual one. */
  String causeDifference(JsonNode expectedCause, String cause) {
    if (expectedCause.isNull()) {
      return cause == null ? null : "at $: expected null, got " + quote(cause);
    }
    if (cause == null) {
      return "at $: expected " + JsonMatcher.snippet(expectedCause) + ", got null";
    }
    if (expectedCause.isObject()) {
      JsonNode parsed;
      try {
        parsed = Json.parse(cause);
      } catch (RuntimeException e) {
        return "at $: expected JSON object " + JsonMatcher.snippet(expectedCause) + ", got text " + quote(cause);
      }
      return matcher.difference(expectedCause, parsed);
    }
    return matcher.difference(expectedCause, Json.NODES.textNode(cause));
  }

  private static String lastEventDifference(String expectedType, List<ObjectNode> history) {
    if (expectedType == null) {
      return null;
    }
    String actualType =
        history == null || history.isEmpty() ? null : history.get(history.size() - 1).path("type").asText();
    return expectedType.equals(actualType)
        ? null
        : "last event: expected " + expectedType + ", got " + actualType;
  }

  private static String describeEnd(ExecutionResult actual) {
    if (actual.error() == null && actual.cause() == null) {
      return "";
    }
    String cause = actual.cause() == null ? "" : actual.cause();
    if (cause.length() > 160) {
      cause = cause.substring(0, 157) + "...";
    }
    return " (error " + actual.error() + ": " + cause + ")";
  }

  private static String quote(String text) {
    return text == null ? "null" : JsonMatcher.snippet(Json.NODES.textNode(text));
  }
}
