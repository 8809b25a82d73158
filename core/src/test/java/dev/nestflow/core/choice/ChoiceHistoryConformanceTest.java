package dev.nestflow.core.choice;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nestflow.core.errors.StatesException;
import dev.nestflow.core.json.Json;
import dev.nestflow.core.paths.PathResolver;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Replays the Choice decisions recorded in execution histories: for every ChoiceStateEntered of a
 * JSONPath Choice state (without InputPath) followed by ChoiceStateExited and the next state's
 * StateEntered, evaluates the rules on the recorded state input and checks the branch. A decision
 * whose rules read a variable ({@code $name}) or a context field other than
 * {@code $$.Execution.Input} is skipped, because the history does not record those values.
 */
class ChoiceHistoryConformanceTest {

  /** Raised when a rule needs a value the history does not record; the decision is skipped. */
  private static final class NotRecorded extends RuntimeException {
    NotRecorded(String path) {
      super(path, null, false, false);
    }
  }

  @Test
  void rulesPickTheBranchRecordedInExecutionHistories() {
    Path dir = ConformanceCorpus.dir();
    Assumptions.assumeTrue(dir != null, "conformance corpus not found");
    int checked = 0;
    int skipped = 0;
    Set<String> casesChecked = new TreeSet<>();
    List<String> failures = new ArrayList<>();
    for (Path file : ConformanceCorpus.caseFiles(dir)) {
      JsonNode testCase = ConformanceCorpus.read(file);
      JsonNode history = testCase.path("history");
      if (!history.isArray() || !testCase.path("definition").isObject()) {
        continue;
      }
      Map<String, JsonNode> choiceStates = new HashMap<>();
      Map<String, Integer> nameCounts = new HashMap<>();
      collectChoiceStates(testCase.path("definition"), false, choiceStates, nameCounts);
      Map<Long, JsonNode> byPrevious = new HashMap<>();
      JsonNode executionInput = null;
      for (JsonNode event : history) {
        byPrevious.putIfAbsent(event.path("previousEventId").asLong(), event);
        if (event.path("type").asText().equals("ExecutionStarted")) {
          executionInput = recorded(event.path("executionStartedEventDetails").path("input"));
        }
      }
      for (JsonNode event : history) {
        if (!event.path("type").asText().equals("ChoiceStateEntered")) {
          continue;
        }
        String name = event.path("stateEnteredEventDetails").path("name").asText();
        JsonNode state = choiceStates.get(name);
        if (state == null || nameCounts.get(name) != 1) {
          continue;
        }
        JsonNode exited = byPrevious.get(event.path("id").asLong());
        if (exited == null || !exited.path("type").asText().equals("ChoiceStateExited")) {
          continue;
        }
        JsonNode next = byPrevious.get(exited.path("id").asLong());
        if (next == null || !next.path("type").asText().endsWith("StateEntered")) {
          continue;
        }
        String expected = next.path("stateEnteredEventDetails").path("name").asText();
        JsonNode input = recorded(event.path("stateEnteredEventDetails").path("input"));
        String id = testCase.path("id").asText() + " @" + name + " #" + event.path("id").asLong();
        try {
          String actual = choose(state, paths(input, executionInput));
          checked++;
          casesChecked.add(testCase.path("id").asText());
          if (!actual.equals(expected)) {
            failures.add(id + ": expected " + expected + " but chose " + actual);
          }
        } catch (NotRecorded e) {
          skipped++;
        } catch (StatesException | IllegalArgumentException e) {
          checked++;
          casesChecked.add(testCase.path("id").asText());
          failures.add(id + ": expected " + expected + " but failed: " + e.getMessage());
        }
      }
    }
    System.out.printf("choice history conformance: %d decisions in %d cases checked, %d passed, %d skipped%n",
        checked, casesChecked.size(), checked - failures.size(), skipped);
    casesChecked.forEach(c -> System.out.println("  checked " + c));

    assertThat(failures).isEmpty();
    assertThat(checked).as("Choice decisions checked").isPositive();
  }

  private static void collectChoiceStates(
      JsonNode machine, boolean jsonata, Map<String, JsonNode> choiceStates, Map<String, Integer> counts) {
    boolean machineJsonata = jsonata || machine.path("QueryLanguage").asText().equals("JSONata");
    for (var entries = machine.path("States").fields(); entries.hasNext(); ) {
      var entry = entries.next();
      JsonNode state = entry.getValue();
      counts.merge(entry.getKey(), 1, Integer::sum);
      boolean stateJsonata = state.has("QueryLanguage")
          ? state.path("QueryLanguage").asText().equals("JSONata") : machineJsonata;
      if (state.path("Type").asText().equals("Choice") && !stateJsonata && !state.has("InputPath")) {
        choiceStates.put(entry.getKey(), state);
      }
      for (JsonNode branch : state.path("Branches")) {
        collectChoiceStates(branch, machineJsonata, choiceStates, counts);
      }
      for (String nested : List.of("Iterator", "ItemProcessor")) {
        if (state.has(nested)) {
          collectChoiceStates(state.get(nested), machineJsonata, choiceStates, counts);
        }
      }
    }
  }

  /** History payloads that are not JSON objects were kept as their JSON text. */
  private static JsonNode recorded(JsonNode payload) {
    return payload.isTextual() ? Json.parse(payload.textValue()) : payload;
  }

  private static PathResolver paths(JsonNode input, JsonNode executionInput) {
    JsonNode context = Json.object().set("Execution", Json.object().set("Input", executionInput));
    JsonInputPaths recorded = new JsonInputPaths(input, context, Map.of());
    return path -> {
      boolean knownContext = path.equals("$$.Execution.Input") || path.startsWith("$$.Execution.Input.");
      boolean stateInput = path.equals("$") || path.startsWith("$.") || path.startsWith("$[");
      if (!stateInput && !knownContext) {
        throw new NotRecorded(path);
      }
      return recorded.resolve(path);
    };
  }

  private static String choose(JsonNode state, PathResolver paths) {
    for (JsonNode rule : state.path("Choices")) {
      if (ChoiceRuleParser.parse(rule).test(paths)) {
        return rule.path("Next").asText();
      }
    }
    return state.has("Default") ? state.path("Default").asText() : "States.NoChoiceMatched";
  }
}
