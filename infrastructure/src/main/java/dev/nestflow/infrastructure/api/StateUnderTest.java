package dev.nestflow.infrastructure.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.json.Json;
import dev.nestflow.infrastructure.runtime.ApiException;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The state TestState runs, cut out of what the caller sent: one state, or a whole machine and the
 * name of one of its states. It runs as a machine of that state alone, each state it can go to
 * standing in as a Succeed state, so the interpreter runs it exactly as in a real execution and
 * TestState only watches where it goes.
 */
record StateUnderTest(String name, ObjectNode state, ObjectNode machine) {
  /** The name a single state runs under when the caller gives none. */
  static final String DEFAULT_NAME = "TestState";

  static StateUnderTest of(String definition, String stateName) {
    JsonNode parsed;
    try {
      parsed = Json.parse(definition);
    } catch (Json.JsonSyntaxException e) {
      throw new ApiException("InvalidDefinition", "Invalid State Machine Definition: 'INVALID_JSON_DESCRIPTION: " + e.getMessage() + "'");
    }
    if (!parsed.isObject()) {
      throw new ApiException("InvalidDefinition", "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: the definition must be a JSON object'");
    }
    ObjectNode def = (ObjectNode) parsed;
    ObjectNode machine = Json.object();
    String name;
    ObjectNode state;
    if (def.has("States")) {
      StateMachines.checkDefinition(definition, "STANDARD");
      name = stateName != null ? stateName : def.path("StartAt").asText();
      JsonNode found = def.path("States").get(name);
      if (found == null || !found.isObject()) {
        throw new ApiException(ApiErrors.VALIDATION, "State '" + name + "' does not exist in the definition's top-level States");
      }
      state = (ObjectNode) found;
      if (def.has("QueryLanguage")) {
        machine.set("QueryLanguage", def.get("QueryLanguage"));
      }
    } else {
      name = stateName != null ? stateName : DEFAULT_NAME;
      state = def;
    }
    machine.put("StartAt", name);
    ObjectNode states = machine.putObject("States");
    states.set(name, state);
    for (String target : targets(state)) {
      if (!target.equals(name)) {
        states.putObject(target).put("Type", "Succeed");
      }
    }
    StateMachines.checkDefinition(Json.write(machine), "STANDARD");
    return new StateUnderTest(name, state, machine);
  }

  String type() {
    return state.path("Type").asText();
  }

  /** The states this one can go to: Next, Default, each Choice rule's and each Catcher's Next. */
  private static Set<String> targets(ObjectNode state) {
    Set<String> out = new LinkedHashSet<>();
    addText(out, state.get("Next"));
    addText(out, state.get("Default"));
    for (String list : new String[] {"Choices", "Catch"}) {
      JsonNode items = state.get(list);
      if (items != null && items.isArray()) {
        for (Iterator<JsonNode> it = items.elements(); it.hasNext(); ) {
          addText(out, it.next().get("Next"));
        }
      }
    }
    return out;
  }

  private static void addText(Set<String> out, JsonNode v) {
    if (v != null && v.isTextual()) {
      out.add(v.asText());
    }
  }
}
