package dev.nestflow.infrastructure.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.nestflow.core.interpreter.ExecutionResult;
import dev.nestflow.core.json.Json;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The end state of every execution of a run, in the form two runs are compared in: per state
 * machine the ARNs of its executions; per execution its status, output, error, cause and history.
 *
 * <p>What is compared, and what is not: event ids, previousEventIds, types and details must be
 * equal. Event timestamps are dropped, and so are the wall-clock fields inside payloads (the child
 * description's StartDate/StopDate, the StartExecution response's startDate/Date/Content-Length)
 * and AWS request ids, which are random per call: a crash delays a step by the visibility timeout,
 * which moves every later time, and a call made again after a crash gets a new request id. JSON
 * text inside payloads (the .sync child description's Input/Output, a failed child's cause) is
 * parsed and compared the same way.
 */
record Snapshot(Map<String, List<String>> executionsByMachine, Map<String, View> executions, List<String> insane) {

  record View(String status, String output, String error, String cause, List<String> history) {}

  private static final Set<String> TIME_OR_RANDOM_FIELDS =
      Set.of("StartDate", "StopDate", "startDate", "stopDate", "Date", "x-amzn-RequestId", "RequestId", "Content-Length");
  private static final Pattern REQUEST_ID = Pattern.compile("Request ID: [0-9a-f-]{36}");

  static View view(ExecutionResult r) {
    List<String> history = new ArrayList<>();
    for (ObjectNode event : r.history()) {
      ObjectNode copy = event.deepCopy();
      copy.remove("timestamp");
      history.add(Json.write(normalize(copy)));
    }
    return new View(r.status(), r.output() == null ? null : Json.write(normalize(r.output())), r.error(),
        r.cause() == null ? null : normalize(TextNode.valueOf(r.cause())).asText(), history);
  }

  static JsonNode normalize(JsonNode n) {
    if (n.isObject()) {
      ObjectNode out = Json.object();
      Iterator<Map.Entry<String, JsonNode>> fields = n.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> f = fields.next();
        out.set(f.getKey(), TIME_OR_RANDOM_FIELDS.contains(f.getKey()) ? TextNode.valueOf("<varies>") : normalize(f.getValue()));
      }
      return out;
    }
    if (n.isArray()) {
      ArrayNode out = Json.array();
      n.forEach(e -> out.add(normalize(e)));
      return out;
    }
    if (n.isTextual()) {
      String text = n.asText();
      if (text.startsWith("{") || text.startsWith("[")) {
        try {
          return TextNode.valueOf(Json.write(normalize(Json.parse(text))));
        } catch (RuntimeException notJson) {
          // plain text that happens to start with a bracket
        }
      }
      return TextNode.valueOf(REQUEST_ID.matcher(text).replaceAll("Request ID: <varies>"));
    }
    return n;
  }

  /**
   * What is wrong with one history whatever the other run did: an event earlier than the one before
   * it (AWS's histories never go back in time, even when the containers' clocks disagree), or a
   * Wait state that ended sooner than its Seconds after it was entered.
   */
  static List<String> insanities(String arn, ExecutionResult r, Map<String, Integer> waitSeconds) {
    List<String> out = new ArrayList<>();
    long previous = Long.MIN_VALUE;
    Map<String, Long> waitEntered = new java.util.HashMap<>();
    for (ObjectNode event : r.history()) {
      long at = event.path("timestamp").decimalValue().movePointRight(3).longValue();
      String type = event.path("type").asText();
      if (at < previous) {
        out.add(arn + ": event " + event.path("id").asText() + " (" + type + ") at " + at + " is earlier than the one before ("
            + previous + ")");
      }
      previous = Math.max(previous, at);
      String name = event.path("stateEnteredEventDetails").path("name").asText(event.path("stateExitedEventDetails").path("name").asText());
      if (type.equals("WaitStateEntered")) {
        waitEntered.put(name, at);
      } else if (type.equals("WaitStateExited") && waitEntered.containsKey(name) && waitSeconds.containsKey(name)) {
        long waited = at - waitEntered.remove(name);
        if (waited < waitSeconds.get(name) * 1000L) {
          out.add(arn + ": Wait state " + name + " of " + waitSeconds.get(name) + " s ended after " + waited + " ms");
        }
      }
    }
    return out;
  }

  /** What differs from {@code expected}, one line per execution (or per state machine's set of executions). */
  List<String> differencesFrom(Snapshot expected) {
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, List<String>> e : new TreeMap<>(expected.executionsByMachine).entrySet()) {
      List<String> mine = executionsByMachine.getOrDefault(e.getKey(), List.of());
      if (!Set.copyOf(mine).equals(Set.copyOf(e.getValue())) || mine.size() != e.getValue().size()) {
        out.add("executions of " + e.getKey() + ": expected " + e.getValue() + " but got " + mine);
      }
    }
    for (Map.Entry<String, View> e : new TreeMap<>(expected.executions).entrySet()) {
      View mine = executions.get(e.getKey());
      if (mine == null) {
        continue; // reported above
      }
      String diff = difference(e.getValue(), mine);
      if (diff != null) {
        out.add(e.getKey() + ": " + diff);
      }
    }
    return out;
  }

  private static String difference(View expected, View actual) {
    if (!Objects.equals(expected.status(), actual.status())) {
      return "status " + expected.status() + " != " + actual.status();
    }
    if (!Objects.equals(expected.output(), actual.output())) {
      return "output " + expected.output() + " != " + actual.output();
    }
    if (!Objects.equals(expected.error(), actual.error()) || !Objects.equals(expected.cause(), actual.cause())) {
      return "error/cause " + expected.error() + "/" + expected.cause() + " != " + actual.error() + "/" + actual.cause();
    }
    int n = Math.max(expected.history().size(), actual.history().size());
    for (int i = 0; i < n; i++) {
      String want = i < expected.history().size() ? expected.history().get(i) : "(none)";
      String got = i < actual.history().size() ? actual.history().get(i) : "(none)";
      if (!want.equals(got)) {
        return "history event " + (i + 1) + ": expected " + want + " but got " + got;
      }
    }
    return null;
  }
}
