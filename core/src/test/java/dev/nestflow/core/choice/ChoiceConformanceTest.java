package dev.nestflow.core.choice;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nestflow.core.errors.StatesException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Replays the Choice decisions of the AWS-recorded conformance corpus.
 *
 * <p>A case is checkable when its execution starts at a JSONPath Choice state (without InputPath)
 * whose every target (each rule's Next and the Default) is an ending Pass state with a literal
 * Result and no other processing, the targets' Results are distinct, and the recorded output equals
 * exactly one of them: the output then tells which branch AWS took. The test evaluates the rules on
 * the execution input (first matching rule wins, else Default) and checks it picks that branch.
 */
class ChoiceConformanceTest {

  private static final Set<String> PLAIN_PASS_FIELDS = Set.of("Type", "Result", "End", "Comment");

  @Test
  void rulesPickTheBranchAwsTookInEveryCheckableCase() {
    Path dir = ConformanceCorpus.dir();
    Assumptions.assumeTrue(dir != null, "conformance corpus not found");
    List<Path> files = ConformanceCorpus.caseFiles(dir);
    Map<String, int[]> perArea = new LinkedHashMap<>(); // area -> {checked, passed}
    List<String> failures = new ArrayList<>();
    for (Path file : files) {
      JsonNode testCase = ConformanceCorpus.read(file);
      Optional<String> expectedBranch = expectedBranch(testCase);
      if (expectedBranch.isEmpty()) {
        continue;
      }
      String area = ConformanceCorpus.area(file);
      int[] counts = perArea.computeIfAbsent(area, a -> new int[2]);
      counts[0]++;
      String actual;
      try {
        actual = chooseBranch(testCase);
      } catch (StatesException | IllegalArgumentException e) {
        actual = e.getClass().getSimpleName() + ": " + e.getMessage();
      }
      if (actual.equals(expectedBranch.get())) {
        counts[1]++;
      } else {
        failures.add(testCase.path("id").asText() + ": expected " + expectedBranch.get() + " but chose " + actual);
      }
    }
    perArea.forEach((area, c) -> System.out.printf("choice conformance %s: %d checked, %d passed%n", area, c[0], c[1]));

    assertThat(failures).isEmpty();
    assertThat(perArea.getOrDefault("choice_operators", new int[2])[0])
        .as("choice_operators cases checked").isGreaterThanOrEqualTo(491);
  }

  /** The Next state the recorded output implies, when the case has the checkable shape. */
  private static Optional<String> expectedBranch(JsonNode testCase) {
    JsonNode definition = testCase.path("definition");
    if (!testCase.path("kind").asText().equals("execution")
        || !testCase.path("expected").path("status").asText().equals("SUCCEEDED")
        || definition.path("QueryLanguage").asText("JSONPath").equals("JSONata")) {
      return Optional.empty();
    }
    JsonNode states = definition.path("States");
    JsonNode choice = states.path(definition.path("StartAt").asText());
    if (!choice.path("Type").asText().equals("Choice")
        || choice.has("InputPath") || choice.has("QueryLanguage") || !choice.path("Choices").isArray()) {
      return Optional.empty();
    }
    List<String> targets = new ArrayList<>();
    choice.path("Choices").forEach(rule -> targets.add(rule.path("Next").asText()));
    if (choice.has("Default")) {
      targets.add(choice.path("Default").asText());
    }
    Map<String, JsonNode> results = new LinkedHashMap<>();
    for (String target : targets) {
      JsonNode state = states.path(target);
      if (!state.path("Type").asText().equals("Pass") || !state.path("End").asBoolean(false)
          || !state.has("Result") || !isPlainPass(state)) {
        return Optional.empty();
      }
      results.put(target, state.get("Result"));
    }
    JsonNode output = testCase.path("expected").path("output");
    List<String> matching = new ArrayList<>();
    List<JsonNode> distinct = new ArrayList<>();
    for (Map.Entry<String, JsonNode> entry : results.entrySet()) {
      if (distinct.stream().anyMatch(r -> sameJson(r, entry.getValue()))) {
        return Optional.empty(); // two branches would produce the same output
      }
      distinct.add(entry.getValue());
      if (sameJson(entry.getValue(), output)) {
        matching.add(entry.getKey());
      }
    }
    return matching.size() == 1 ? Optional.of(matching.get(0)) : Optional.empty();
  }

  private static boolean isPlainPass(JsonNode state) {
    for (var names = state.fieldNames(); names.hasNext(); ) {
      if (!PLAIN_PASS_FIELDS.contains(names.next())) {
        return false;
      }
    }
    return true;
  }

  private static String chooseBranch(JsonNode testCase) {
    JsonNode definition = testCase.path("definition");
    JsonNode choice = definition.path("States").path(definition.path("StartAt").asText());
    JsonInputPaths paths = JsonInputPaths.over(testCase.path("input"));
    for (JsonNode rule : choice.path("Choices")) {
      if (ChoiceRuleParser.parse(rule).test(paths)) {
        return rule.path("Next").asText();
      }
    }
    return choice.has("Default") ? choice.path("Default").asText() : "States.NoChoiceMatched";
  }

  private static final Comparator<JsonNode> NUMBERS_BY_VALUE = (a, b) -> {
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue());
    }
    return a.equals(b) ? 0 : 1;
  };

  private static boolean sameJson(JsonNode a, JsonNode b) {
    return a.equals(NUMBERS_BY_VALUE, b);
  }
}
