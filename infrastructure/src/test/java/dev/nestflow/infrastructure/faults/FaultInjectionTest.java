package dev.nestflow.infrastructure.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Runs seeded schedules twice, once without faults and once with crashes before and after every
 * store and queue call, duplicated, delayed and reordered messages and concurrent steps, and
 * requires every execution to end the same. {@code -Dfaults.seeds=N} runs more schedules,
 * {@code -Dfaults.rate=R} changes the per-call fault probability.
 */
class FaultInjectionTest {

  /**
   * Totals over many schedules; {@code extras}: the faulty runs' invocations beyond one per attempt,
   * each with why; {@code cleanExtras}: the same in the fault-free runs.
   */
  record Totals(int schedules, int executions, Map<FaultKind, Integer> faults, int deliveries, List<String> mismatches,
      int attempts, int invocations, List<InvocationLedger.Extra> extras, List<InvocationLedger.Extra> cleanExtras) {
    int injected() {
      return faults.values().stream().mapToInt(Integer::intValue).sum();
    }

    List<InvocationLedger.Extra> violations() {
      return extras.stream().filter(InvocationLedger.Extra::answerWasLogged).toList();
    }

    @Override
    public String toString() {
      return "faults: " + schedules + " schedules, " + executions + " executions, " + injected() + " injected faults "
          + faults + ", " + deliveries + " deliveries, " + mismatches.size() + " mismatches; task attempts " + attempts
          + ", invocations " + invocations + ", beyond one per attempt " + extras.size() + " (after the submission was logged "
          + extras.stream().filter(e -> e.logged() == InvocationLedger.Logged.SUBMISSION).count()
          + ", after the answer was logged " + violations().size() + "; fault-free runs " + cleanExtras.size() + ")";
    }
  }

  static Totals run(long firstSeed, int schedules, double rate) {
    return run(firstSeed, schedules, rate, null);
  }

  /** The same, each handler call with {@code budget} (null: unlimited; see {@link FaultHarness}). */
  static Totals run(long firstSeed, int schedules, double rate, java.time.Duration budget) {
    Map<FaultKind, Integer> faults = new EnumMap<>(FaultKind.class);
    List<String> mismatches = new ArrayList<>();
    int executions = 0;
    int deliveries = 0;
    int attempts = 0;
    int invocations = 0;
    List<InvocationLedger.Extra> extras = new ArrayList<>();
    List<InvocationLedger.Extra> cleanExtras = new ArrayList<>();
    for (long seed = firstSeed; seed < firstSeed + schedules; seed++) {
      FaultHarness.Outcome clean = new FaultHarness(seed, 0, budget).run();
      FaultHarness.Outcome faulty = new FaultHarness(seed, rate, budget).run();
      executions += faulty.snapshot().executions().size();
      if (Boolean.getBoolean("faults.verbose")) {
        System.out.println("seed " + seed + ": clean " + clean.deliveries() + " deliveries, faulty " + faulty.deliveries()
            + " deliveries, " + faulty.crashes() + " crashes, faults " + faulty.faults());
      }
      deliveries += faulty.deliveries();
      attempts += faulty.invocations().attempts();
      invocations += faulty.invocations().invocations();
      faulty.invocations().extras().forEach(e -> extras.add(e));
      cleanExtras.addAll(clean.invocations().extras());
      faulty.faults().forEach((k, v) -> faults.merge(k, v, Integer::sum));
      if (!clean.quiesced() || !faulty.quiesced()) {
        mismatches.add("seed " + seed + ": did not quiesce (clean " + clean.quiesced() + ", faulty " + faulty.quiesced() + ")");
      }
      for (String d : faulty.snapshot().differencesFrom(clean.snapshot())) {
        mismatches.add("seed " + seed + ": " + d);
      }
    }
    return new Totals(schedules, executions, faults, deliveries, mismatches, attempts, invocations, extras, cleanExtras);
  }

  @Test
  void everyFaultyScheduleEndsLikeTheFaultFreeRun() {
    int seeds = Integer.getInteger("faults.seeds", 30);
    double rate = Double.parseDouble(System.getProperty("faults.rate", "0.08"));
    Totals totals = run(1, seeds, rate);
    System.out.println(totals);
    totals.mismatches().stream().limit(20).forEach(System.out::println);
    totals.extras().stream().limit(5).forEach(e -> System.out.println("extra invocation: " + e));

    assertThat(totals.injected()).isGreaterThanOrEqualTo(seeds >= 30 ? 1000 : 1);
    assertThat(totals.mismatches().size()).as("mismatches, first: %s", totals.mismatches().stream().limit(3).toList()).isZero();
    assertThat(totals.violations()).as("tasks re-invoked after their answer was logged").isEmpty();
    assertThat(totals.extras()).as("callback tasks re-invoked after their TaskSubmitted was logged")
        .noneMatch(e -> e.logged() == InvocationLedger.Logged.SUBMISSION);
    assertThat(totals.cleanExtras()).as("invocations beyond one per attempt without faults").isEmpty();
    assertThat(totals.invocations()).isEqualTo(totals.attempts() + totals.extras().size());
  }

  @Test
  void everyInvocationBeyondOnePerAttemptIsReportedWithWhy() {
    // a crash after a task ran and before its answer was logged leaves the task to be invoked again
    Totals totals = run(1, 10, 0.2);

    assertThat(totals.extras()).isNotEmpty();
    assertThat(totals.extras()).allSatisfy(e -> assertThat(e.why())
        .containsPattern("delivery \\d+ \\(.+\\) invoked it, then .+; delivery \\d+ \\(.+\\) found the task still waiting"));
    assertThat(totals.extras()).anySatisfy(e -> assertThat(e.why()).contains("crashed ("));
  }

  @Test
  void lambdaTasksThroughTheTaskQueueEndLikeTheFaultFreeRunAndRunOnceUnlessAnswerIsLost() {
    // 60 s calls: the workload's Lambda tasks may run 15 minutes, so each travels as an invoke message
    Totals totals = run(1, 10, 0.08, java.time.Duration.ofSeconds(60));
    System.out.println("task queue " + totals);
    totals.extras().stream().limit(3).forEach(e -> System.out.println("extra invocation: " + e));

    assertThat(totals.mismatches()).as("mismatches").isEmpty();
    assertThat(totals.violations()).as("tasks re-invoked after their answer was logged").isEmpty();
    assertThat(totals.cleanExtras()).as("invocations beyond one per attempt without faults").isEmpty();
    assertThat(totals.attempts()).isPositive();
  }

  @Test
  void theFaultFreeRunsEndAsTheWorkloadIntends() {
    FaultHarness.Outcome clean = new FaultHarness(7, 0).run();
    assertThat(clean.faults()).isEmpty();
    assertThat(clean.quiesced()).isTrue();
    assertThat(clean.invocations().attempts()).isPositive();
    assertThat(clean.invocations().invocations()).isEqualTo(clean.invocations().attempts());
    assertThat(clean.snapshot().executions().values()).allSatisfy(v -> assertThat(v.status()).isIn("SUCCEEDED", "FAILED"));
    assertThat(clean.snapshot().executionsByMachine().get(Workload.ORCHESTRATOR)).isNotEmpty();
    assertThat(clean.snapshot().executions().entrySet())
        .filteredOn(e -> e.getKey().contains(":Orchestrator:"))
        .allSatisfy(e -> assertThat(e.getValue().status()).isEqualTo("SUCCEEDED"));
  }

  public static void main(String[] args) {
    int seeds = 1000;
    long first = 1;
    double rate = 0.08;
    for (int i = 0; i < args.length - 1; i++) {
      switch (args[i]) {
        case "--seeds" -> seeds = Integer.parseInt(args[++i]);
        case "--first" -> first = Long.parseLong(args[++i]);
        case "--rate" -> rate = Double.parseDouble(args[++i]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    Totals totals = run(first, seeds, rate);
    System.out.println(totals);
    totals.mismatches().forEach(System.out::println);
    totals.extras().forEach(e -> System.out.println("extra invocation: " + e));
    System.exit(totals.mismatches().isEmpty() ? 0 : 1);
  }
}
