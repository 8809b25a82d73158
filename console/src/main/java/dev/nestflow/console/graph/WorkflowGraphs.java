package dev.nestflow.console.graph;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads a definition's JSON into a {@link WorkflowGraph}. Lenient on purpose: missing or
 * mistyped fields draw as less, never fail, and a transition to a state that does not exist is
 * left out.
 */
public final class WorkflowGraphs {
  private static final int RULE_LABEL_CHARS = 32;

  private WorkflowGraphs() {}

  public static WorkflowGraph of(JsonNode definition) {
    return level(definition, "s");
  }

  private static WorkflowGraph level(JsonNode machine, String idPrefix) {
    JsonNode states = machine == null ? null : machine.get("States");
    List<WorkflowGraph.Node> nodes = new ArrayList<>();
    List<WorkflowGraph.Edge> edges = new ArrayList<>();
    if (states != null && states.isObject()) {
      int index = 0;
      for (Iterator<Map.Entry<String, JsonNode>> it = states.fields(); it.hasNext(); index++) {
        Map.Entry<String, JsonNode> entry = it.next();
        String id = idPrefix + "-" + index;
        nodes.add(node(id, entry.getKey(), entry.getValue()));
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = states.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> entry = it.next();
        transitions(entry.getKey(), entry.getValue(), edges, states);
      }
    }
    JsonNode startAt = machine == null ? null : machine.get("StartAt");
    String start = startAt != null && startAt.isTextual() && states != null && states.has(startAt.asText())
        ? startAt.asText() : null;
    return new WorkflowGraph(List.copyOf(nodes), List.copyOf(edges), start);
  }

  private static WorkflowGraph.Node node(String id, String name, JsonNode state) {
    String type = text(state, "Type");
    List<WorkflowGraph.Child> children = new ArrayList<>();
    if ("Parallel".equals(type) && state.path("Branches").isArray()) {
      int b = 0;
      for (JsonNode branch : state.get("Branches")) {
        children.add(new WorkflowGraph.Child(id + "-b" + b, "Branch " + (b + 1), level(branch, id + "-b" + b)));
        b++;
      }
    } else if ("Map".equals(type)) {
      JsonNode processor = state.has("ItemProcessor") ? state.get("ItemProcessor") : state.get("Iterator");
      if (processor != null && processor.isObject()) {
        String mode = processor.path("ProcessorConfig").path("Mode").asText("INLINE");
        String caption = "DISTRIBUTED".equals(mode) ? "Item processor (distributed)" : "Item processor";
        children.add(new WorkflowGraph.Child(id + "-p", caption, level(processor, id + "-p")));
      }
    }
    boolean terminal = state.path("End").asBoolean(false) || "Succeed".equals(type) || "Fail".equals(type);
    return new WorkflowGraph.Node(id, name, type == null ? "?" : type, List.copyOf(children), terminal);
  }

  private static void transitions(String from, JsonNode state, List<WorkflowGraph.Edge> edges, JsonNode states) {
    add(edges, states, from, text(state, "Next"), WorkflowGraph.Kind.NEXT, null);
    if (state.path("Choices").isArray()) {
      int i = 1;
      for (JsonNode rule : state.get("Choices")) {
        add(edges, states, from, text(rule, "Next"), WorkflowGraph.Kind.CHOICE, ruleLabel(rule, i++));
      }
      add(edges, states, from, text(state, "Default"), WorkflowGraph.Kind.DEFAULT, "Default");
    }
    if (state.path("Catch").isArray()) {
      for (JsonNode catcher : state.get("Catch")) {
        List<String> errors = new ArrayList<>();
        catcher.path("ErrorEquals").forEach(e -> errors.add(e.asText()));
        add(edges, states, from, text(catcher, "Next"), WorkflowGraph.Kind.CATCH,
            shorten("catch " + String.join(", ", errors)));
      }
    }
  }

  private static void add(List<WorkflowGraph.Edge> edges, JsonNode states, String from, String to,
      WorkflowGraph.Kind kind, String label) {
    if (to != null && states.has(to)) {
      edges.add(new WorkflowGraph.Edge(from, to, kind, label));
    }
  }

  /** A short reading of a Choice rule: its JSONata Condition, or Variable, operator and value. */
  static String ruleLabel(JsonNode rule, int index) {
    if (rule.hasNonNull("Condition")) {
      return shorten(rule.get("Condition").asText());
    }
    String variable = text(rule, "Variable");
    for (Iterator<Map.Entry<String, JsonNode>> it = rule.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      String key = f.getKey();
      if (key.equals("Variable") || key.equals("Next") || key.equals("Assign") || key.equals("Output")
          || key.equals("Comment")) {
        continue;
      }
      if (key.equals("And") || key.equals("Or") || key.equals("Not")) {
        return shorten(key + " (rule " + index + ")");
      }
      return shorten((variable == null ? "" : variable + " ") + key + " " + f.getValue());
    }
    return "rule " + index;
  }

  static String shorten(String s) {
    return s.length() <= RULE_LABEL_CHARS ? s : s.substring(0, RULE_LABEL_CHARS - 1) + "…";
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node == null ? null : node.get(field);
    return v != null && v.isTextual() ? v.asText() : null;
  }
}
