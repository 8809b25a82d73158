package dev.nestflow.core.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.errors.ErrorNames;
import dev.nestflow.core.errors.StatesException;
import dev.nestflow.core.json.Json;
import dev.nestflow.core.paths.PathNotFoundException;
import dev.nestflow.core.states.MapState;
import dev.nestflow.core.states.QueryLanguage;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Random;

/**
 * The parts of a distributed Map's {@link MapRunRequest} that read the state's input: the
 * ItemReader, ItemBatcher and ResultWriter with their payload templates and {@code ...Path} fields
 * evaluated (JSONPath), or their {@code {% %}} expressions evaluated (JSONata); the children's
 * definition and type; and the ItemSelector bound to what the state sees now.
 */
record MapRunConfig(
    String executionType,
    ObjectNode processorDefinition,
    JsonNode itemReader,
    JsonNode itemBatcher,
    JsonNode resultWriter,
    MapRunRequest.ItemSelection selection) {

  static MapRunConfig resolve(Evaluation ev, MapState s) {
    JsonNode raw = s.processor().raw();
    String type = raw == null ? "STANDARD" : raw.path("ProcessorConfig").path("ExecutionType").asText("STANDARD");
    return new MapRunConfig(type, definition(s), resolve(ev, s.itemReader(), "ItemReader"),
        resolve(ev, s.itemBatcher(), "ItemBatcher"), resolve(ev, s.resultWriter(), "ResultWriter"), selection(ev, s));
  }

  /** The item processor as a definition of its own: without ProcessorConfig, with its query language. */
  private static ObjectNode definition(MapState s) {
    ObjectNode def = s.processor().raw() instanceof ObjectNode o ? o.deepCopy() : Json.object();
    def.remove("ProcessorConfig");
    if (!def.has("QueryLanguage") && s.processor().queryLanguage() != null) {
      def.put("QueryLanguage", s.processor().queryLanguage().spelling());
    }
    return def;
  }

  private static boolean jsonata(Evaluation ev) {
    return ev.s.common().queryLanguage() == QueryLanguage.JSONATA;
  }

  /**
   * JSONata: every {@code {% %}} string of the field evaluated. JSONPath: payload templates
   * (Parameters, BatchInput) evaluated, and each {@code XPath} field replaced by {@code X} with the
   * value at its path (a numeric string counts as its number).
   */
  private static JsonNode resolve(Evaluation ev, JsonNode field, String name) {
    if (field == null) {
      return null;
    }
    if (jsonata(ev)) {
      return ev.jsonata().evaluate(field, name);
    }
    return resolvePaths(ev, field, name);
  }

  private static JsonNode resolvePaths(Evaluation ev, JsonNode node, String location) {
    if (!(node instanceof ObjectNode obj)) {
      return node;
    }
    ObjectNode out = Json.object();
    for (Iterator<Map.Entry<String, JsonNode>> it = obj.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = e.getKey();
      JsonNode value = e.getValue();
      if (key.equals("Parameters") || key.equals("BatchInput")) {
        out.set(key, Expressions.template(value, ev.paths(), ev.ex.env().random()));
      } else if (key.endsWith("Path") && value.isTextual()) {
        out.set(key.substring(0, key.length() - 4), pathValue(ev, value.asText(), location + "." + key));
      } else {
        out.set(key, resolvePaths(ev, value, location + "." + key));
      }
    }
    return out;
  }

  private static JsonNode pathValue(Evaluation ev, String path, String field) {
    JsonNode v;
    try {
      v = ev.paths().resolve(path);
    } catch (PathNotFoundException e) {
      throw new StatesException(ErrorNames.RUNTIME, "Invalid path '" + path + "' for " + field + ": " + e.cause());
    }
    if (v.isTextual()) {
      try {
        JsonNode parsed = Json.parse(v.asText().trim());
        if (parsed.isNumber()) {
          return parsed;
        }
      } catch (Json.JsonSyntaxException notNumber) {
        return v;
      }
    }
    return v;
  }

  /**
   * The ItemSelector as a function of (index, item), bound to the state's input, context and
   * variables as they are now. Intrinsics that draw random values use a generator seeded from the
   * execution's own, so a rebuilt execution selects the same inputs.
   */
  private static MapRunRequest.ItemSelection selection(Evaluation ev, MapState s) {
    JsonNode selector = s.itemSelector();
    if (selector == null) {
      return (index, item) -> item;
    }
    ObjectNode context = (ObjectNode) ev.context();
    if (jsonata(ev)) {
      JsonataScope scope = ev.jsonata();
      return (index, item) -> scope.withContext(ContextObject.withMapItem(context, index, item)).evaluate(selector, "ItemSelector");
    }
    JsonNode input = ev.f.effectiveInput;
    Map<String, JsonNode> variables = new HashMap<>(ev.f.variables);
    Random random = new Random(ev.ex.env().random().nextLong());
    return (index, item) -> {
      ObjectNode ctx = ContextObject.withMapItem(context, index, item);
      return Expressions.template(selector, new Scope(input, () -> ctx, variables), random);
    };
  }
}
