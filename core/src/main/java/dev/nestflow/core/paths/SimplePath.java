package dev.nestflow.core.paths;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.json.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * A JSONPath made only of member names ({@code .name}, {@code ['name']}), non-negative array
 * indexes ({@code [3]}) and array wildcards ({@code [*]}), read directly over the JSON tree. It
 * answers only when every step finds its value (for a wildcard: in every element); anything else
 * (a missing member, an index past the end, a step into a value of the wrong kind, a wildcard over
 * an object) is left to the full path engine, which also words the error. A path with a wildcard
 * gives the array of its matches, as the engine does.
 */
final class SimplePath {
  private static final Object WILDCARD = new Object();

  private final Object[] steps;
  private final boolean definite;

  private SimplePath(Object[] steps) {
    this.steps = steps;
    boolean d = true;
    for (Object step : steps) {
      d &= step != WILDCARD;
    }
    this.definite = d;
  }

  /** The simple form of {@code path}, or null when the path uses anything else. */
  static SimplePath parse(String path) {
    if (path == null || path.length() < 2 || path.charAt(0) != '$') {
      return null;
    }
    List<Object> steps = new ArrayList<>();
    int i = 1;
    int n = path.length();
    while (i < n) {
      char c = path.charAt(i);
      if (c == '.') {
        int start = ++i;
        while (i < n && isNameChar(path.charAt(i))) {
          i++;
        }
        if (i == start || (i < n && path.charAt(i) != '.' && path.charAt(i) != '[')) {
          return null;
        }
        steps.add(path.substring(start, i));
      } else if (c == '[') {
        int close = path.indexOf(']', i);
        if (close < 0) {
          return null;
        }
        String inner = path.substring(i + 1, close);
        if (inner.equals("*")) {
          steps.add(WILDCARD);
        } else if (inner.length() >= 3 && inner.charAt(0) == '\'' && inner.charAt(inner.length() - 1) == '\'') {
          String name = inner.substring(1, inner.length() - 1);
          for (int k = 0; k < name.length(); k++) {
            if (!isNameChar(name.charAt(k))) {
              return null;
            }
          }
          steps.add(name);
        } else if (!inner.isEmpty() && inner.length() <= 9 && inner.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
          steps.add(Integer.parseInt(inner));
        } else {
          return null;
        }
        i = close + 1;
      } else {
        return null;
      }
    }
    return steps.isEmpty() ? null : new SimplePath(steps.toArray());
  }

  private static boolean isNameChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  }

  /** The value at this path, or null when some step finds nothing (the full engine decides then). */
  JsonNode read(JsonNode document) {
    if (definite) {
      return read(document, 0);
    }
    ArrayNode matches = Json.array();
    return collect(document, 0, matches) ? matches : null;
  }

  /** Adds the matches of steps {@code from...} in {@code node}; false when some step finds nothing. */
  private boolean collect(JsonNode node, int from, ArrayNode matches) {
    int wildcard = from;
    while (wildcard < steps.length && steps[wildcard] != WILDCARD) {
      wildcard++;
    }
    if (wildcard == steps.length) {
      JsonNode found = from == steps.length ? node : read(node, from);
      if (found == null) {
        return false;
      }
      matches.add(found);
      return true;
    }
    JsonNode container = from == wildcard ? node : readSteps(node, from, wildcard);
    if (!(container instanceof ArrayNode arr)) {
      return false;
    }
    for (JsonNode element : arr) {
      if (!collect(element, wildcard + 1, matches)) {
        return false;
      }
    }
    return true;
  }

  private JsonNode read(JsonNode document, int from) {
    return readSteps(document, from, steps.length);
  }

  private JsonNode readSteps(JsonNode document, int from, int to) {
    JsonNode current = document;
    for (int s = from; s < to; s++) {
      Object step = steps[s];
      if (step instanceof String name) {
        if (!(current instanceof ObjectNode obj)) {
          return null;
        }
        current = obj.get(name);
      } else {
        int index = (Integer) step;
        if (!(current instanceof ArrayNode arr) || index >= arr.size()) {
          return null;
        }
        current = arr.get(index);
      }
      if (current == null) {
        return null;
      }
    }
    return current;
  }
}
