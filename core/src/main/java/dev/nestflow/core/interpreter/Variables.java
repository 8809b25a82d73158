package dev.nestflow.core.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.errors.ErrorNames;
import dev.nestflow.core.errors.StatesException;
import dev.nestflow.core.json.Json;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Workflow variables: evaluating a state's {@code Assign} and committing it. Every expression of one
 * Assign sees the variables as they were before the state (so {@code {"a": "{% $b %}", "b": 1}}
 * reads the old {@code b}); the new values are written together when the state exits. A frame reads
 * the variables of the frames around it (a Parallel branch or Map iteration starts with a copy) but
 * its own assignments never reach them.
 */
final class Variables {
  private Variables() {}

  /** AWS's limit on the size of one variable and of everything one Assign writes (256 KiB). */
  static final int MAX_ASSIGN_BYTES = 262_144;

  static final Map<String, JsonNode> NONE = Collections.emptyMap();

  /**
   * A JSONPath state's Assign: fields ending in {@code .$} take the value of their path or intrinsic
   * call, evaluated on {@code scope} (whose {@code $} is what the state assigns from).
   */
  static Map<String, JsonNode> evaluateJsonPath(JsonNode assign, Scope scope, RandomGenerator random) {
    if (assign == null) {
      return NONE;
    }
    return checked(fields(Expressions.template(assign, scope, random)));
  }

  /** A JSONata state's Assign: each {@code "{% %}"} value evaluated in {@code scope}. */
  static Map<String, JsonNode> evaluateJsonata(JsonNode assign, JsonataScope scope) {
    if (assign == null) {
      return NONE;
    }
    return checked(fields(scope.evaluate(assign, "Assign")));
  }

  /** Makes the assignments visible to the frame's next states. */
  static void commit(Frame f, Map<String, JsonNode> assigned) {
    f.variables.putAll(assigned);
  }

  /** Adds {@code assignedVariables} (name → JSON text) to a StateExited event's details. */
  static void describe(ObjectNode details, Map<String, JsonNode> assigned) {
    if (assigned.isEmpty()) {
      return;
    }
    ObjectNode vars = details.putObject("assignedVariables");
    for (Map.Entry<String, JsonNode> e : assigned.entrySet()) {
      vars.put(e.getKey(), Json.write(e.getValue()));
    }
    details.putObject("assignedVariablesDetails").put("truncated", false);
  }

  private static Map<String, JsonNode> fields(JsonNode evaluated) {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = evaluated.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      out.put(e.getKey(), e.getValue());
    }
    return out;
  }

  private static Map<String, JsonNode> checked(Map<String, JsonNode> assigned) {
    long total = 0;
    for (Map.Entry<String, JsonNode> e : assigned.entrySet()) {
      int size = Json.utf8Size(e.getValue());
      if (size > MAX_ASSIGN_BYTES) {
        throw new StatesException(
            ErrorNames.RUNTIME,
            "The variable '" + e.getKey() + "' has a size of " + size + " bytes, which exceeds the maximum of "
                + MAX_ASSIGN_BYTES + " bytes.");
      }
      total += size;
    }
    if (total > MAX_ASSIGN_BYTES) {
      throw new StatesException(
          ErrorNames.RUNTIME,
          "The variables assigned by the state have a combined size of " + total + " bytes, which exceeds the maximum of "
              + MAX_ASSIGN_BYTES + " bytes.");
    }
    return assigned;
  }
}
