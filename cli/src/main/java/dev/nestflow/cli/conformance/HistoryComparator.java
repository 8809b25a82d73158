package dev.nestflow.cli.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Compares a recorded history with an actual one (already normalised and mapped back to
 * placeholders): event types, order, {@code id}/{@code previousEventId} and details, event by event.
 *
 * <p>Where the recorder normalised Parallel states (events inside them sorted and given the id
 * {@code [0]} and previousEventId 0), the comparison is looser, because the recording lost
 * information: each run of {@code [0]} events is matched as an unordered set (ids ignored), other
 * events keep their order and id but their previousEventId is not compared, and actual
 * Parallel-state bookkeeping events that the recording dropped (types starting with "Parallel") may
 * be skipped.
 */
public final class HistoryComparator {
  private final JsonMatcher matcher;

  public HistoryComparator(JsonMatcher matcher) {
    this.matcher = matcher;
  }

  /** Null when the histories match, else where they first diverge. */
  public String difference(List<JsonNode> expected, List<JsonNode> actual, boolean parallelNormalised) {
    return parallelNormalised ? looseDifference(expected, actual) : strictDifference(expected, actual);
  }

  private String strictDifference(List<JsonNode> expected, List<JsonNode> actual) {
    int common = Math.min(expected.size(), actual.size());
    for (int i = 0; i < common; i++) {
      String diff = matcher.difference(expected.get(i), actual.get(i));
      if (diff != null) {
        return divergence(i, expected.get(i), actual.get(i), diff);
      }
    }
    if (expected.size() != actual.size()) {
      JsonNode exp = common < expected.size() ? expected.get(common) : null;
      JsonNode act = common < actual.size() ? actual.get(common) : null;
      return divergence(
          common, exp, act, "expected " + expected.size() + " events, got " + actual.size());
    }
    return null;
  }

  private String looseDifference(List<JsonNode> expected, List<JsonNode> actual) {
    int a = 0;
    int e = 0;
    while (e < expected.size()) {
      if (isUnordered(expected.get(e))) {
        List<JsonNode> block = new ArrayList<>();
        while (e < expected.size() && isUnordered(expected.get(e))) {
          block.add(without(expected.get(e), "id", "previousEventId"));
          e++;
        }
        int blockStart = a;
        while (!block.isEmpty()) {
          if (a >= actual.size()) {
            return divergence(a, block.get(0), null, "history ended inside a Parallel block");
          }
          JsonNode candidate = without(actual.get(a), "id", "previousEventId");
          int hit = indexOfMatch(block, candidate);
          if (hit >= 0) {
            block.remove(hit);
          } else if (!isParallelEvent(actual.get(a))) {
            return divergence(
                a, block.get(0), actual.get(a),
                "no event of the Parallel block starting at actual index " + blockStart + " matches");
          }
          a++;
        }
      } else {
        JsonNode exp = without(expected.get(e), "previousEventId");
        String firstDiff = null;
        int firstIndex = a;
        while (true) {
          if (a >= actual.size()) {
            return divergence(firstIndex, expected.get(e), null, firstDiff == null ? "missing event" : firstDiff);
          }
          String diff = matcher.difference(exp, without(actual.get(a), "previousEventId"));
          if (diff == null) {
            break;
          }
          if (firstDiff == null) {
            firstDiff = diff;
          }
          if (!isParallelEvent(actual.get(a))) {
            return divergence(a, expected.get(e), actual.get(a), diff);
          }
          a++;
        }
        a++;
        e++;
      }
    }
    while (a < actual.size() && isParallelEvent(actual.get(a))) {
      a++;
    }
    return a == actual.size() ? null : divergence(a, null, actual.get(a), "unexpected extra event");
  }

  private int indexOfMatch(List<JsonNode> block, JsonNode candidate) {
    for (int i = 0; i < block.size(); i++) {
      if (matcher.matches(block.get(i), candidate)) {
        return i;
      }
    }
    return -1;
  }

  private static boolean isUnordered(JsonNode event) {
    return event.path("id").isArray();
  }

  private static boolean isParallelEvent(JsonNode event) {
    return event.path("type").asText().startsWith("Parallel");
  }

  private static JsonNode without(JsonNode event, String... fields) {
    if (!event.isObject()) {
      return event;
    }
    ObjectNode copy = ((ObjectNode) event).deepCopy();
    copy.remove(List.of(fields));
    return copy;
  }

  private static String divergence(int index, JsonNode expected, JsonNode actual, String diff) {
    return "history event #"
        + index
        + ": expected "
        + label(expected)
        + ", actual "
        + label(actual)
        + ": "
        + diff;
  }

  private static String label(JsonNode event) {
    if (event == null) {
      return "(none)";
    }
    return event.path("type").asText("?") + " id=" + JsonMatcher.snippet(event.get("id"));
  }
}
