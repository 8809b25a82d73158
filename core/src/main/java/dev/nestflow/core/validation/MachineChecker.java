package dev.nestflow.core.validation;

import dev.nestflow.core.states.QueryLanguage;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a state machine and each nested one (Parallel branch, Map processor): its own fields, its
 * states, and its graph (targets exist, every state reachable, some state terminal).
 */
final class MachineChecker {
  private static final Set<String> TOP_LEVEL_FIELDS =
      Set.of("Comment", "StartAt", "States", "Version", "TimeoutSeconds", "QueryLanguage");

  private final CheckContext context;
  private final Findings findings;

  MachineChecker(CheckContext context) {
    this.context = context;
    this.findings = context.findings;
  }

  void checkTopLevel(JsonNode root) {
    String at = "/";
    required(root, at);
    ErrorHandlers.unsupported(root, TOP_LEVEL_FIELDS, at, findings);
    Fields.string(root, "Comment", at, findings);
    Fields.string(root, "Version", at, findings);
    Fields.integer(root, "TimeoutSeconds", 1, Fields.MAX_SECONDS, QueryLanguage.JSONPATH, at, findings);
    JsonNode language = root.get("QueryLanguage");
    if (language != null && (!language.isTextual() || QueryLanguage.named(language.asText()) == null)) {
      findings.schema(
          "Field 'QueryLanguage' must be one of [JSONPath, JSONata]", Findings.at(at, "QueryLanguage"));
    }
    checkStates(root, at);
  }

  void checkNested(JsonNode machine, String at, Set<String> allowedFields) {
    if (!machine.isObject()) {
      findings.schema("Value must be an object", at);
      return;
    }
    required(machine, at);
    ErrorHandlers.unsupported(machine, allowedFields, at, findings);
    Fields.string(machine, "Comment", at, findings);
    checkStates(machine, at);
  }

  private void required(JsonNode machine, String at) {
    List<String> missing = new ArrayList<>();
    for (String field : new String[] {"States", "StartAt"}) {
      if (!machine.has(field)) {
        missing.add(field);
      }
    }
    if (!missing.isEmpty()) {
      findings.schema("These fields are required: " + missing.toString(), at);
    }
  }

  private void checkStates(JsonNode machine, String at) {
    JsonNode startAt = machine.get("StartAt");
    if (startAt != null && !startAt.isTextual()) {
      findings.schema("Field 'StartAt' must be a string", Findings.at(at, "StartAt"));
    }
    JsonNode states = machine.get("States");
    if (states == null) {
      return;
    }
    String statesAt = Findings.at(at, "States");
    if (!states.isObject()) {
      findings.schema("Field 'States' must be an object", statesAt);
      return;
    }
    Map<String, JsonNode> byName = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = states.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      String name = entry.getKey();
      String stateAt = Findings.at(statesAt, name);
      if (!context.stateNames.add(name)) {
        findings.add(Findings.DUPLICATE_STATE, "Duplicate State name: " + name, stateAt);
      }
      byName.put(name, entry.getValue());
      new StateChecker(context, this).check(entry.getValue(), stateAt);
    }
    checkGraph(startAt, byName, at, statesAt);
  }

  private record Edge(String field, String target, String location) {}

  private void checkGraph(JsonNode startAt, Map<String, JsonNode> states, String at, String statesAt) {
    Map<String, List<Edge>> edges = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> entry : states.entrySet()) {
      List<Edge> out = edgesOf(entry.getValue(), Findings.at(statesAt, entry.getKey()));
      edges.put(entry.getKey(), out);
      for (Edge edge : out) {
        if (!states.containsKey(edge.target())) {
          findings.add(
              Findings.MISSING_TARGET,
              "Missing '" + edge.field() + "' target: " + edge.target(),
              edge.location());
        }
      }
    }
    if (startAt == null || !startAt.isTextual()) {
      return;
    }
    if (!states.containsKey(startAt.asText())) {
      findings.add(
          Findings.MISSING_TARGET,
          "Missing 'StartAt' target: " + startAt.asText(),
          Findings.at(at, "StartAt"));
      return;
    }
    Set<String> reached = new HashSet<>();
    Deque<String> pending = new ArrayDeque<>(List.of(startAt.asText()));
    while (!pending.isEmpty()) {
      String name = pending.pop();
      if (reached.add(name)) {
        for (Edge edge : edges.getOrDefault(name, List.of())) {
          if (states.containsKey(edge.target())) {
            pending.push(edge.target());
          }
        }
      }
    }
    for (String name : states.keySet()) {
      if (!reached.contains(name)) {
        findings.add(
            Findings.MISSING_TARGET,
            "State \"" + name + "\" is not reachable.",
            Findings.at(statesAt, name));
      }
    }
    if (states.values().stream().noneMatch(MachineChecker::isTerminal)) {
      findings.add(Findings.MISSING_END, "Workflow has no terminal state", null);
    }
  }

  private static boolean isTerminal(JsonNode state) {
    String type = state.path("Type").asText();
    return type.equals("Succeed") || type.equals("Fail") || state.path("End").asBoolean(false);
  }

  private static List<Edge> edgesOf(JsonNode state, String at) {
    List<Edge> edges = new ArrayList<>();
    if (!state.isObject()) {
      return edges;
    }
    addEdge(edges, "Next", state.get("Next"), Findings.at(at, "Next"));
    if (state.path("Type").asText().equals("Choice")) {
      addEdge(edges, "Default", state.get("Default"), Findings.at(at, "Default"));
      JsonNode choices = state.path("Choices");
      for (int i = 0; choices.isArray() && i < choices.size(); i++) {
        addEdge(edges, "Next", choices.get(i).get("Next"),
            Findings.at(Findings.at(Findings.at(at, "Choices"), String.valueOf(i)), "Next"));
      }
    }
    JsonNode catchers = state.path("Catch");
    for (int i = 0; catchers.isArray() && i < catchers.size(); i++) {
      addEdge(edges, "Next", catchers.get(i).get("Next"),
          Findings.at(Findings.at(Findings.at(at, "Catch"), String.valueOf(i)), "Next"));
    }
    return edges;
  }

  private static void addEdge(List<Edge> edges, String field, JsonNode target, String location) {
    if (target != null && target.isTextual()) {
      edges.add(new Edge(field, target.asText(), location));
    }
  }
}
