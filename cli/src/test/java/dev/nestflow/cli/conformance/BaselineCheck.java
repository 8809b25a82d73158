package dev.nestflow.cli.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Runs the whole corpus through an engine and fails when a case listed in the result baseline
 * (result) or the history baseline (history) does not pass. Prints the counts and the ids that pass
 * but are not listed yet.
 */
final class BaselineCheck {
  private BaselineCheck() {}

  static void assertBaseline(ConformanceEngine engine, String resultResource, String historyResource) throws IOException {
    List<ConformanceCase> cases = Corpus.load(List.of(CorpusDir.get()));
    ConformanceRun run = ConformanceRun.of(cases, engine, false);
    Map<String, CaseOutcome> byId =
        run.outcomes().stream().collect(Collectors.toMap(CaseOutcome::id, Function.identity()));
    Set<String> resultBaseline = ids(resultResource);
    Set<String> historyBaseline = ids(historyResource);

    List<String> regressions = new ArrayList<>();
    for (String id : resultBaseline) {
      CaseOutcome o = byId.get(id);
      if (o == null) {
        regressions.add(id + ": not in the corpus");
      } else if (o.result() != CaseOutcome.Verdict.PASS) {
        regressions.add(id + ": result " + o.result().wireName() + ": " + o.detail());
      }
    }
    for (String id : historyBaseline) {
      CaseOutcome o = byId.get(id);
      if (o == null) {
        regressions.add(id + ": not in the corpus");
      } else if (o.history() != CaseOutcome.HistoryVerdict.PASS) {
        regressions.add(id + ": history " + o.history().wireName() + ": " + o.detail());
      }
    }

    long historyPassed = run.outcomes().stream().filter(o -> o.history() == CaseOutcome.HistoryVerdict.PASS).count();
    System.out.println(run.summary() + "; history passed: " + historyPassed);
    printNewlyPassing(resultResource, run.outcomes().stream()
        .filter(o -> o.result() == CaseOutcome.Verdict.PASS && !resultBaseline.contains(o.id())).map(CaseOutcome::id).toList());
    printNewlyPassing(historyResource, run.outcomes().stream()
        .filter(o -> o.history() == CaseOutcome.HistoryVerdict.PASS && !historyBaseline.contains(o.id())).map(CaseOutcome::id).toList());

    assertThat(regressions).as("baseline cases that no longer pass").isEmpty();
  }

  private static void printNewlyPassing(String file, List<String> ids) {
    if (!ids.isEmpty()) {
      System.out.println(ids.size() + " passing case(s) not yet in " + file + ":");
      ids.forEach(id -> System.out.println("  " + id));
    }
  }

  private static Set<String> ids(String resource) throws IOException {
    try (InputStream in = BaselineCheck.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + resource);
      }
      Set<String> ids = new LinkedHashSet<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        String id = line.strip();
        if (!id.isEmpty() && !id.startsWith("#")) {
          ids.add(id);
        }
      }
      return ids;
    }
  }
}
