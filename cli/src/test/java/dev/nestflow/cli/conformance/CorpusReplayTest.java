package dev.nestflow.cli.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The whole corpus, answered by an engine that replays each recording, must pass: runner round trip. */
class CorpusReplayTest {
  private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

  @Test
  void replayingEachRecordingPassesResultAndHistoryForEveryCase() {
    List<ConformanceCase> cases = Corpus.load(List.of(CorpusDir.get()));
    assertThat(cases).hasSizeGreaterThan(1000);
    List<String> failures = new ArrayList<>();
    for (ConformanceCase c : cases) {
      ReplayEngine engine = new ReplayEngine(c, NOW);
      try (CaseRunner runner = new CaseRunner(engine, Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofSeconds(10))) {
        CaseOutcome outcome = runner.run(c);
        if (outcome.result() != CaseOutcome.Verdict.PASS || outcome.history() == CaseOutcome.HistoryVerdict.FAIL) {
          failures.add(outcome.id() + ": " + outcome.result() + "/" + outcome.history() + " " + outcome.detail());
        }
      }
    }
    assertThat(failures).isEmpty();
  }
}
