package dev.nestflow.core.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.jsonata.FieldEvaluationException;
import dev.nestflow.core.jsonata.JsonataBindings;
import dev.nestflow.core.jsonata.JsonataTemplates;
import dev.nestflow.core.json.Json;
import dev.nestflow.core.states.State;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What the JSONata expressions of a state see: {@code $states} ({@code input}, {@code context}, and
 * {@code result} or {@code errorOutput} where the field may use them) and the workflow variables
 * visible in the frame, as they were before the state assigns.
 */
record JsonataScope(
    Execution ex,
    Map<String, JsonNode> variables,
    JsonNode input,
    JsonNode result,
    JsonNode errorOutput,
    Supplier<JsonNode> context) {

  JsonataScope withResult(JsonNode newResult) {
    return new JsonataScope(ex, variables, input, newResult, errorOutput, context);
  }

  JsonataScope withErrorOutput(JsonNode newErrorOutput) {
    return new JsonataScope(ex, variables, input, result, newErrorOutput, context);
  }

  JsonataScope withContext(JsonNode newContext) {
    return new JsonataScope(ex, variables, input, result, errorOutput, () -> newContext);
  }

  /** Evaluates a field value (template or {@code "{% %}"} string) found at {@code location}. */
  JsonNode evaluate(JsonNode template, String location) {
    try {
      return JsonataTemplates.evaluate(template, location, bindings());
    } catch (FieldEvaluationException e) {
      throw QueryEvaluationFailed.of(e);
    }
  }

  JsonataBindings bindings() {
    ObjectNode states = Json.object();
    states.set("input", input);
    states.set("context", context.get());
    if (result != null) {
      states.set("result", result);
    }
    if (errorOutput != null) {
      states.set("errorOutput", errorOutput);
    }
    Map<String, JsonNode> all = new HashMap<>(variables);
    all.put("states", states);
    return new JsonataBindings(all, ex.env().random(), ex.now());
  }
}
