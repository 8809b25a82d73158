package dev.nestflow.cli.conformance;

/**
 * What running one case gave.
 *
 * @param result PASS, FAIL or SKIP (the result comparison: status, output, error, cause, messages)
 * @param history PASS, FAIL or NA (no recorded history, or the case did not run to a result)
 * @param detail why it failed or was skipped, or null; history differences follow result ones
 */
public record CaseOutcome(String id, Verdict result, HistoryVerdict history, String detail) {

  public enum Verdict {
    PASS,
    FAIL,
    SKIP;

    public String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public enum HistoryVerdict {
    PASS("pass"),
    FAIL("fail"),
    NA("n/a");

    private final String wireName;

    HistoryVerdict(String wireName) {
      this.wireName = wireName;
    }

    public String wireName() {
      return wireName;
    }
  }

  public static CaseOutcome skip(String id, String why) {
    return new CaseOutcome(id, Verdict.SKIP, HistoryVerdict.NA, why);
  }

  public static CaseOutcome fail(String id, String why) {
    return new CaseOutcome(id, Verdict.FAIL, HistoryVerdict.NA, why);
  }
}
