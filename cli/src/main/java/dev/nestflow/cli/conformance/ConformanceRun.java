package dev.nestflow.cli.conformance;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.json.Json;
import java.util.ArrayList;
import java.util.List;

/** The outcomes of a run, with the counts and the JSON report (a contract: see {@link #toJson}). */
public record ConformanceRun(List<CaseOutcome> outcomes, boolean historyCounts) {
  public ConformanceRun {
    outcomes = List.copyOf(outcomes);
  }

  public static ConformanceRun of(List<ConformanceCase> cases, ConformanceEngine engine, boolean historyCounts) {
    List<CaseOutcome> outcomes = new ArrayList<>();
    try (CaseRunner runner = new CaseRunner(engine)) {
      for (ConformanceCase c : cases) {
        outcomes.add(runner.run(c));
      }
    }
    return new ConformanceRun(outcomes, historyCounts);
  }

  /** Failed: the result failed, or (when history counts) the history did. */
  public boolean failed(CaseOutcome o) {
    return o.result() == CaseOutcome.Verdict.FAIL
        || (historyCounts && o.result() == CaseOutcome.Verdict.PASS && o.history() == CaseOutcome.HistoryVerdict.FAIL);
  }

  public long passed() {
    return outcomes.stream().filter(o -> o.result() == CaseOutcome.Verdict.PASS && !failed(o)).count();
  }

  public long failedCount() {
    return outcomes.stream().filter(this::failed).count();
  }

  public long skipped() {
    return outcomes.stream().filter(o -> o.result() == CaseOutcome.Verdict.SKIP).count();
  }

  public String summary() {
    return "conformance: " + passed() + " passed, " + failedCount() + " failed, " + skipped() + " skipped";
  }

  /** {@code [{"id", "result": "pass"|"fail"|"skip", "history": "pass"|"fail"|"n/a", "detail"}]}. */
  public ArrayNode toJson() {
    ArrayNode list = Json.array();
    for (CaseOutcome o : outcomes) {
      ObjectNode entry = list.addObject();
      entry.put("id", o.id());
      entry.put("result", o.result().wireName());
      entry.put("history", o.history().wireName());
      entry.put("detail", o.detail());
    }
    return list;
  }
}
