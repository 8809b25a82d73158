package dev.nestflow.cli.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The one place that derives what a case needs from an engine. A case runs only when the engine's
 * {@link ConformanceEngine#capabilities()} contain all of:
 *
 * <ul>
 *   <li>every entry of {@code requires} ("sqs", "lambda:id_function", "sfn:child", ...);
 *   <li>every entry of {@code tags} ("map:distributed");
 *   <li>"actor:&lt;kind&gt;" for every actor ("actor:answer_message", "actor:stop_execution", ...),
 *       and "actor:manual" when {@code actors} is null (not machine-readable);
 *   <li>"jsonata" when the definition (or a child's) declares {@code QueryLanguage: JSONata}
 *       anywhere, else "jsonpath";
 *   <li>"variables" when a state uses {@code Assign}, {@code Arguments} or {@code Output};
 *   <li>"express" for executions of an EXPRESS state machine.
 * </ul>
 */
public final class CaseNeeds {
  private CaseNeeds() {}

  public static final String JSONATA = "jsonata";
  public static final String JSONPATH = "jsonpath";
  public static final String VARIABLES = "variables";
  public static final String EXPRESS = "express";
  public static final String MANUAL_ACTOR = "actor:manual";

  private static final Set<String> VARIABLE_FIELDS = Set.of("Assign", "Arguments", "Output");

  public static Set<String> of(ConformanceCase c) {
    Set<String> needs = new TreeSet<>(c.requires());
    needs.addAll(c.tags());
    if (c.actors() != null) {
      if (c.actors().isNull()) {
        needs.add(MANUAL_ACTOR);
      } else {
        c.actors().forEach(actor -> needs.add("actor:" + actor.path("kind").asText()));
      }
    }
    boolean jsonata = usesJsonata(c.definition());
    boolean variables = usesVariables(c.definition());
    for (JsonNode child : c.children().values()) {
      jsonata |= usesJsonata(child);
      variables |= usesVariables(child);
    }
    if (c.definitionText() != null && c.definition() == null) {
      jsonata |= c.definitionText().contains("JSONata");
    }
    needs.add(jsonata ? JSONATA : JSONPATH);
    if (variables) {
      needs.add(VARIABLES);
    }
    if (c.kind() == ConformanceCase.Kind.EXECUTION && "EXPRESS".equals(c.type())) {
      needs.add(EXPRESS);
    }
    return needs;
  }

  /** The first need (in sorted order) that the capabilities lack, or null when all are there. */
  public static String firstMissing(Set<String> needs, Set<String> capabilities) {
    for (String need : new TreeSet<>(needs)) {
      if (!capabilities.contains(need)) {
        return need;
      }
    }
    return null;
  }

  static boolean usesJsonata(JsonNode node) {
    if (node == null) {
      return false;
    }
    if (node.isObject()) {
      JsonNode ql = node.get("QueryLanguage");
      if (ql != null && "JSONata".equals(ql.asText())) {
        return true;
      }
    }
    for (JsonNode child : node) {
      if (usesJsonata(child)) {
        return true;
      }
    }
    return false;
  }

  /** A state object (one with a textual "Type") that has Assign, Arguments or Output. */
  static boolean usesVariables(JsonNode node) {
    if (node == null) {
      return false;
    }
    if (node.isObject() && node.path("Type").isTextual()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        if (VARIABLE_FIELDS.contains(it.next().getKey())) {
          return true;
        }
      }
    }
    for (JsonNode child : node) {
      if (usesVariables(child)) {
        return true;
      }
    }
    return false;
  }
}
