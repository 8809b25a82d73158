package dev.nestflow.infrastructure.mocks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nestflow.infrastructure.tasks.TaskOutcome;
import java.util.Iterator;
import java.util.List;
import java.util.ArrayList;
import java.util.Map;
import java.util.Optional;

/**
 * One entry of {@code MockedResponses}: what the mocked task answers at each invocation, counted
 * from 0 per state and execution. Keys are invocation numbers ({@code "3"}) or inclusive ranges
 * ({@code "1-2"}); each value holds exactly one of {@code Return} (the task's result, as the service
 * would have returned it) or {@code Throw} ({@code Error} and {@code Cause}).
 */
public record MockedResponse(String name, List<Entry> entries) {
  /** Invocations {@code from}..{@code to} (inclusive) answer {@code outcome}. */
  public record Entry(int from, int to, TaskOutcome outcome) {}

  /** The answer to invocation {@code index}, or empty when the file gives none for it. */
  public Optional<TaskOutcome> at(int index) {
    return entries.stream().filter(e -> e.from() <= index && index <= e.to()).map(Entry::outcome).findFirst();
  }

  /** The invocation keys as written, for messages: {@code 0, 1-2, 3}. */
  public String keys() {
    List<String> keys = new ArrayList<>();
    for (Entry e : entries) {
      keys.add(e.from() == e.to() ? Integer.toString(e.from()) : e.from() + "-" + e.to());
    }
    return String.join(", ", keys);
  }

  static MockedResponse parse(String name, JsonNode node, String where) {
    if (!node.isObject() || node.isEmpty()) {
      throw new MockConfigException(where + ": the mocked response must be an object of invocation numbers"
          + " (\"0\", \"1-2\", ...) to {\"Return\": ...} or {\"Throw\": ...}");
    }
    List<Entry> entries = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      String at = where + "." + f.getKey();
      int[] range = range(f.getKey(), at);
      for (Entry other : entries) {
        if (range[0] <= other.to() && other.from() <= range[1]) {
          throw new MockConfigException(at + ": invocation " + Math.max(range[0], other.from())
              + " is already answered by another key of this mocked response");
        }
      }
      entries.add(new Entry(range[0], range[1], outcome(f.getValue(), at)));
    }
    entries.sort((a, b) -> Integer.compare(a.from(), b.from()));
    return new MockedResponse(name, List.copyOf(entries));
  }

  private static int[] range(String key, String where) {
    String[] parts = key.split("-", -1);
    if (parts.length > 2) {
      throw badKey(where);
    }
    int from = number(parts[0], where);
    int to = parts.length == 2 ? number(parts[1], where) : from;
    if (to < from) {
      throw new MockConfigException(where + ": the range ends before it starts");
    }
    return new int[] {from, to};
  }

  private static int number(String text, String where) {
    if (text.isEmpty() || text.length() > 9 || !text.chars().allMatch(Character::isDigit)) {
      throw badKey(where);
    }
    return Integer.parseInt(text);
  }

  private static MockConfigException badKey(String where) {
    return new MockConfigException(where + ": an invocation key is a number (\"0\") or an inclusive range (\"1-2\")");
  }

  private static TaskOutcome outcome(JsonNode value, String where) {
    if (!value.isObject() || value.size() != 1 || !(value.has("Return") || value.has("Throw"))) {
      throw new MockConfigException(where + ": must hold exactly one field, \"Return\" or \"Throw\"");
    }
    if (value.has("Return")) {
      return new TaskOutcome.Succeeded(value.get("Return").deepCopy());
    }
    JsonNode thrown = value.get("Throw");
    if (!thrown.isObject()) {
      throw new MockConfigException(where + ".Throw: must be an object with \"Error\" and \"Cause\"");
    }
    JsonNode error = thrown.get("Error");
    JsonNode cause = thrown.get("Cause");
    if (error == null || !error.isTextual()) {
      throw new MockConfigException(where + ".Throw.Error: must be a string (the error name Retry and Catch match)");
    }
    if (cause != null && !cause.isTextual() && !cause.isNull()) {
      throw new MockConfigException(where + ".Throw.Cause: must be a string");
    }
    for (Iterator<String> names = thrown.fieldNames(); names.hasNext(); ) {
      String n = names.next();
      if (!n.equals("Error") && !n.equals("Cause")) {
        throw new MockConfigException(where + ".Throw: unknown field \"" + n + "\" (only \"Error\" and \"Cause\")");
      }
    }
    return new TaskOutcome.Failed(error.asText(), cause == null || cause.isNull() ? null : cause.asText());
  }
}
