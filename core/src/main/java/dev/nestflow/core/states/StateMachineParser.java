package dev.nestflow.core.states;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the {@link StateMachine} model from definition JSON. The definition must already have
 * passed {@code DefinitionValidator}: this parser trusts the shape and only normalises it
 * (defaults, legacy Map fields, inherited query language).
 */
public final class StateMachineParser {
  private StateMachineParser() {}

  public static StateMachine parse(JsonNode definition) {
    QueryLanguage ql = QueryLanguage.parse(text(definition, "QueryLanguage"), QueryLanguage.JSONPATH);
    return parseMachine(definition, ql);
  }

  private static StateMachine parseMachine(JsonNode node, QueryLanguage inherited) {
    QueryLanguage ql = QueryLanguage.parse(text(node, "QueryLanguage"), inherited);
    Map<String, State> states = new LinkedHashMap<>();
    JsonNode statesNode = node.path("States");
    for (Iterator<Map.Entry<String, JsonNode>> it = statesNode.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      states.put(e.getKey(), parseState(e.getKey(), e.getValue(), ql));
    }
    JsonNode timeout = node.get("TimeoutSeconds");
    return new StateMachine(
        text(node, "StartAt"),
        java.util.Collections.unmodifiableMap(states),
        text(node, "Comment"),
        timeout != null && timeout.canConvertToInt() ? timeout.intValue() : null,
        ql,
        node);
  }

  static State parseState(String name, JsonNode n, QueryLanguage inherited) {
    QueryLanguage ql = QueryLanguage.parse(text(n, "QueryLanguage"), inherited);
    String type = text(n, "Type");
    boolean legacyMap = "Map".equals(type);
    StateCommon common =
        new StateCommon(
            name,
            ql,
            text(n, "Comment"),
            n.get("InputPath"),
            n.get("OutputPath"),
            n.get("ResultPath"),
            legacyMap ? null : n.get("Parameters"),
            n.get("ResultSelector"),
            n.get("Arguments"),
            n.get("Output"),
            n.get("Assign"),
            text(n, "Next"),
            n.path("End").asBoolean(false),
            retriers(n.get("Retry")),
            catchers(n.get("Catch")));
    return switch (type == null ? "" : type) {
      case "Pass" -> new PassState(common, n.get("Result"));
      case "Succeed" -> new SucceedState(common);
      case "Fail" -> new FailState(common, Field.of(n, "Error", ql), Field.of(n, "Cause", ql));
      case "Wait" -> new WaitState(common, Field.of(n, "Seconds", ql), Field.of(n, "Timestamp", ql));
      case "Choice" -> new ChoiceState(common, choiceBranches(n.get("Choices")), text(n, "Default"));
      case "Task" ->
          new TaskState(
              common,
              text(n, "Resource"),
              Field.of(n, "TimeoutSeconds", ql),
              Field.of(n, "HeartbeatSeconds", ql),
              n.get("Credentials"));
      case "Parallel" -> {
        List<StateMachine> branches = new ArrayList<>();
        for (JsonNode b : n.path("Branches")) {
          branches.add(parseMachine(b, ql));
        }
        yield new ParallelState(common, List.copyOf(branches));
      }
      case "Map" -> parseMap(common, n, ql);
      default -> throw new IllegalArgumentException("unknown state type '" + type + "' of state '" + name + "'");
    };
  }

  private static MapState parseMap(StateCommon common, JsonNode n, QueryLanguage ql) {
    JsonNode processorNode = n.has("ItemProcessor") ? n.get("ItemProcessor") : n.get("Iterator");
    StateMachine processor = parseMachine(processorNode, ql);
    String mode = processorNode.path("ProcessorConfig").path("Mode").asText("INLINE");
    JsonNode itemSelector = n.has("ItemSelector") ? n.get("ItemSelector") : n.get("Parameters");
    Field items = Field.of(n, "Items", ql);
    if (items == null && ql == QueryLanguage.JSONPATH) {
      items = new Field.Path("ItemsPath", "$");
    }
    return new MapState(
        common,
        processor,
        "DISTRIBUTED".equals(mode) ? MapState.ProcessorMode.DISTRIBUTED : MapState.ProcessorMode.INLINE,
        items,
        itemSelector,
        n.get("ItemBatcher"),
        n.get("ItemReader"),
        n.get("ResultWriter"),
        Field.of(n, "MaxConcurrency", ql),
        Field.of(n, "ToleratedFailureCount", ql),
        Field.of(n, "ToleratedFailurePercentage", ql),
        text(n, "Label"));
  }

  private static List<ChoiceState.Branch> choiceBranches(JsonNode choices) {
    List<ChoiceState.Branch> out = new ArrayList<>();
    if (choices != null) {
      for (JsonNode c : choices) {
        out.add(
            new ChoiceState.Branch(
                c.has("Condition") ? null : c,
                c.has("Condition") ? new Field.Jsonata("Condition", c.get("Condition")) : null,
                text(c, "Next"),
                c.get("Assign"),
                c.get("Output")));
      }
    }
    return List.copyOf(out);
  }

  private static List<Retrier> retriers(JsonNode retry) {
    if (retry == null || !retry.isArray()) {
      return List.of();
    }
    List<Retrier> out = new ArrayList<>();
    for (JsonNode r : retry) {
      JsonNode maxDelay = r.get("MaxDelaySeconds");
      out.add(
          new Retrier(
              strings(r.get("ErrorEquals")),
              r.has("IntervalSeconds") ? r.get("IntervalSeconds").asDouble() : Retrier.DEFAULT_INTERVAL_SECONDS,
              r.has("MaxAttempts") ? r.get("MaxAttempts").asInt() : Retrier.DEFAULT_MAX_ATTEMPTS,
              r.has("BackoffRate") ? r.get("BackoffRate").asDouble() : Retrier.DEFAULT_BACKOFF_RATE,
              maxDelay == null ? null : maxDelay.asInt(),
              "FULL".equals(text(r, "JitterStrategy")) ? Retrier.JitterStrategy.FULL : Retrier.JitterStrategy.NONE));
    }
    return List.copyOf(out);
  }

  private static List<Catcher> catchers(JsonNode catchNode) {
    if (catchNode == null || !catchNode.isArray()) {
      return List.of();
    }
    List<Catcher> out = new ArrayList<>();
    for (JsonNode c : catchNode) {
      out.add(new Catcher(strings(c.get("ErrorEquals")), text(c, "Next"), c.get("ResultPath"), c.get("Output"), c.get("Assign")));
    }
    return List.copyOf(out);
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    if (array != null) {
      for (JsonNode s : array) {
        out.add(s.asText());
      }
    }
    return List.copyOf(out);
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n == null ? null : n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
