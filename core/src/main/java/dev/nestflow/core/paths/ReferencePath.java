package dev.nestflow.core.paths;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.errors.ErrorNames;
import dev.nestflow.core.errors.StatesException;
import dev.nestflow.core.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A reference path (the restricted JSONPath of ResultPath: {@code $}, {@code .name},
 * {@code ['name']}, {@code [index]}), used to place a result into a copy of the state input.
 */
public final class ReferencePath {
  private ReferencePath() {}

  /** Parsed reference paths, by text: a definition's ResultPaths are parsed once. */
  private static final ConcurrentHashMap<String, List<Object>> PARSED = new ConcurrentHashMap<>();

  /**
   * Returns {@code input} with {@code value} at {@code path}, creating objects on the way. The
   * input is not changed: the containers on the path are copied (one level each) and everything
   * else is shared with the input, which is safe because values are never mutated once made.
   */
  public static JsonNode set(JsonNode input, String path, JsonNode value) {
    List<Object> steps = PARSED.get(path);
    if (steps == null) {
      steps = PARSED.computeIfAbsent(path, ReferencePath::parse);
    }
    if (steps.isEmpty()) {
      return value;
    }
    JsonNode root = input == null ? Json.object() : shallowCopy(input);
    if (root == null) {
      throw failure(path, input);
    }
    JsonNode current = root;
    for (int i = 0; i < steps.size(); i++) {
      Object step = steps.get(i);
      boolean last = i == steps.size() - 1;
      if (step instanceof String field) {
        if (!(current instanceof ObjectNode obj)) {
          throw failure(path, input);
        }
        if (last) {
          obj.set(field, value);
        } else {
          JsonNode next = obj.get(field);
          next = next == null ? null : shallowCopy(next);
          if (next == null) {
            next = Json.object();
          }
          obj.set(field, next);
          current = next;
        }
      } else {
        int index = (Integer) step;
        if (!(current instanceof ArrayNode arr) || index >= arr.size()) {
          throw failure(path, input);
        }
        if (last) {
          arr.set(index, value);
        } else {
          current = shallowCopy(arr.get(index));
          if (current == null) {
            throw failure(path, input);
          }
          arr.set(index, current);
        }
      }
    }
    return root;
  }

  /** A new container with the same members (shared, not copied); null for a scalar. */
  private static JsonNode shallowCopy(JsonNode node) {
    if (node instanceof ObjectNode obj) {
      ObjectNode copy = Json.object();
      copy.setAll(obj);
      return copy;
    }
    if (node instanceof ArrayNode arr) {
      ArrayNode copy = Json.NODES.arrayNode(arr.size());
      copy.addAll(arr);
      return copy;
    }
    return null;
  }

  private static StatesException failure(String path, JsonNode input) {
    return new StatesException(
        ErrorNames.RESULT_PATH_MATCH_FAILURE,
        "Unable to apply step \"" + path + "\" to input " + Json.write(input));
  }

  /** The steps of a reference path: field names (String) and array indexes (Integer). */
  static List<Object> parse(String path) {
    if (path == null || !path.startsWith("$")) {
      throw new IllegalArgumentException("a reference path starts with '$': " + path);
    }
    List<Object> steps = new ArrayList<>();
    int i = 1;
    int n = path.length();
    while (i < n) {
      char c = path.charAt(i);
      if (c == '.') {
        int start = ++i;
        while (i < n && path.charAt(i) != '.' && path.charAt(i) != '[') {
          i++;
        }
        steps.add(path.substring(start, i));
      } else if (c == '[') {
        int close = path.indexOf(']', i);
        if (close < 0) {
          throw new IllegalArgumentException("unclosed '[' in reference path: " + path);
        }
        String inner = path.substring(i + 1, close).trim();
        if (inner.startsWith("'") || inner.startsWith("\"")) {
          steps.add(inner.substring(1, inner.length() - 1));
        } else {
          steps.add(Integer.parseInt(inner));
        }
        i = close + 1;
      } else {
        throw new IllegalArgumentException("unexpected '" + c + "' in reference path: " + path);
      }
    }
    return List.copyOf(steps);
  }
}
