package dev.nestflow.infrastructure.mocks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nestflow.core.json.Json;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;
import java.util.Map;

/**
 * One test case of a state machine: the mocked response of each mocked Task state. States it does
 * not name run their real integration (Step Functions Local's "hybrid" path).
 */
public record TestCase(String machineName, String name, Map<String, MockedResponse> states) {

  /**
   * Checks that every state the test case mocks is a Task state of {@code definition} (at any
   * depth: Parallel branches and Map processors included); a {@link MockConfigException} otherwise.
   */
  public void checkAgainst(String definition) {
    Map<String, String> types = new java.util.HashMap<>();
    collect(Json.parse(definition), types);
    for (String state : states.keySet()) {
      String type = types.get(state);
      if (type == null) {
        throw new MockConfigException("test case \"" + name + "\" of state machine \"" + machineName + "\" mocks state \""
            + state + "\", which the definition does not have (its Task states: " + String.join(", ", tasks(types)) + ")");
      }
      if (!"Task".equals(type)) {
        throw new MockConfigException("test case \"" + name + "\" of state machine \"" + machineName + "\" mocks state \""
            + state + "\", which is a " + type + " state: only Task states can be mocked");
      }
    }
  }

  private static Set<String> tasks(Map<String, String> types) {
    Set<String> names = new TreeSet<>();
    types.forEach((n, t) -> {
      if ("Task".equals(t)) {
        names.add(n);
      }
    });
    return names;
  }

  private static void collect(JsonNode machine, Map<String, String> types) {
    for (Iterator<Map.Entry<String, JsonNode>> it = machine.path("States").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> s = it.next();
      types.put(s.getKey(), s.getValue().path("Type").asText());
      for (JsonNode branch : s.getValue().path("Branches")) {
        collect(branch, types);
      }
      collect(s.getValue().path("Iterator"), types);
      collect(s.getValue().path("ItemProcessor"), types);
    }
  }
}
