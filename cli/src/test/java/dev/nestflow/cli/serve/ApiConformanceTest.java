package dev.nestflow.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nestflow.cli.conformance.CaseOutcome;
import dev.nestflow.cli.conformance.CaseRunner;
import dev.nestflow.cli.conformance.ConformanceCase;
import dev.nestflow.cli.conformance.Corpus;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The corpus's {@code sfn_api} area and every {@code start_rejected} case, run through the API on
 * the wire ({@link ApiEngine} against {@code nestflow serve}): all must pass.
 */
class ApiConformanceTest {
  @Test
  void sfnApiAreaAndStartRejectedCasesPassThroughTheApi() throws Exception {
    Path corpus = Path.of(System.getProperty("nestflow.conformance.dir")).toAbsolutePath().normalize();
    List<ConformanceCase> cases = Corpus.load(List.of(corpus.resolve("cases"))).stream()
        .filter(c -> c.area().equals("sfn_api") || c.kind() == ConformanceCase.Kind.START_REJECTED)
        .toList();
    assertThat(cases).hasSizeGreaterThanOrEqualTo(29);
    List<String> problems = new ArrayList<>();
    for (ConformanceCase c : cases) {
      // a fresh server per case: the cases reuse state machine and execution names
      try (LocalService service = LocalService.start(LocalService.Options.defaults().withPort(0), message -> {});
          CaseRunner runner = new CaseRunner(new ApiEngine(service.port()), Clock.systemUTC(), Duration.ofSeconds(30))) {
        CaseOutcome outcome = runner.run(c);
        boolean historyOk = outcome.history() != CaseOutcome.HistoryVerdict.FAIL;
        if (outcome.result() != CaseOutcome.Verdict.PASS || !historyOk) {
          problems.add(c.id() + ": " + outcome.result() + "/" + outcome.history() + " " + outcome.detail());
        }
      }
    }
    assertThat(problems).isEmpty();
  }
}
