package dev.nestflow.infrastructure.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Runs seeded schedules twice, once without faults and once with crashes before and after every
 * store and queue call, duplicated, delayed and reordered messages, concurrent steps, steps slower
 * than the visibility timeout, Lambda timeouts, throttled store calls, skewed clocks and forged
 * messages, and requires every execution to end the same. Both runs include task results over the
 * payload and item limits and a poisoned function (its messages reach the dead-letter queue, which
 * is redriven once it is cured). {@code -Dfaults.seeds=N} runs more schedules,
 * {@code -Dfaults.rate=R} changes the per-call fault probability.
 */
class FaultInjectionTest {

  /**
   * Totals over many schedules; {@code extras}: the faulty runs' invocations beyond one per attempt,
   * each with why; {@code cleanExtras}: the same in the fault-free runs.
   */
  record Totals(int schedules, int executions, Map<FaultKind, Integer> faults, int deliveries, List<String> mismatches,
      int attempts, int invocations, List<InvocationLedger.Extra> extras, List<InvocationLedger.Extra> cleanExtras,
      List<RedrivePolicyQueue.DeadLetter> deadLettered, int forged, int refused, List<String> unexpected, List<String> wrong,
      List<String> notShown) {
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
          + ", after the answer was logged " + violations().size() + ", by a handler that outlived its visibility timeout "
          + extras.stream().filter(InvocationLedger.Extra::outlived).count() + "; fault-free runs " + cleanExtras.size() + ")"
          + "; dead-lettered " + deadLettered.size() + " (poisoned " + poisoned() + ", without a reason "
          + deadLettered.stream().filter(d -> d.reason() == null).count() + ", poisoned not shown on their execution "
          + notShown.size() + "), forged " + forged + ", refused " + refused
          + "; unexpected handler failures " + unexpected.size() + ", wrong end states " + wrong.size();
    }

    long poisoned() {
      return deadLettered.stream().filter(d -> d.reason() != null && d.reason().contains(Workload.POISON)).count();
    }
  }

  static Totals run(long firstSeed, int schedules, double rate) {
    return run(firstSeed, schedules, rate, null);
  }

  /** The same, each handler call with {@code budget} (null: unlimited; see {@link FaultHarness}). */
  static Totals run(long firstSeed, int schedules, double rate, java.time.Duration budget) {
    return run(firstSeed, schedules, seed -> new FaultPlan(seed, rate), budget);
  }

  /** The same, each faulty run with the plan {@code plans} makes for its seed. */
  static Totals run(long firstSeed, int schedules, java.util.function.LongFunction<FaultPlan> plans,
      java.time.Duration budget) {
    Map<FaultKind, Integer> faults = new EnumMap<>(FaultKind.class);
    List<String> mismatches = new ArrayList<>();
    int executions = 0;
    int deliveries = 0;
    int attempts = 0;
    int invocations = 0;
    List<InvocationLedger.Extra> extras = new ArrayList<>();
    List<InvocationLedger.Extra> cleanExtras = new ArrayList<>();
    List<RedrivePolicyQueue.DeadLetter> deadLettered = new ArrayList<>();
    List<String> unexpected = new ArrayList<>();
    List<String> wrong = new ArrayList<>();
    List<String> notShown = new ArrayList<>();
    int forged = 0;
    int refused = 0;
    for (long seed = firstSeed; seed < firstSeed + schedules; seed++) {
      FaultHarness.Outcome clean = new FaultHarness(seed, FaultPlan.none(), budget, FaultHarness.MIX_RECEIVES).run();
      FaultHarness.Outcome faulty = new FaultHarness(seed, plans.apply(seed), budget, FaultHarness.MIX_RECEIVES).run();
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
      deadLettered.addAll(faulty.deadLettered());
      forged += faulty.forged();
      refused += faulty.refused().size();
      long s = seed;
      clean.unexpectedFailures().forEach(u -> unexpected.add("seed " + s + " fault-free: " + u));
      faulty.unexpectedFailures().forEach(u -> unexpected.add("seed " + s + ": " + u));
      clean.wrong().forEach(w -> wrong.add("seed " + s + " fault-free: " + w));
      faulty.wrong().forEach(w -> wrong.add("seed " + s + ": " + w));
      clean.deadLettersNotShown().forEach(w -> notShown.add("seed " + s + " fault-free: " + w));
      faulty.deadLettersNotShown().forEach(w -> notShown.add("seed " + s + ": " + w));
      if (!clean.quiesced() || !faulty.quiesced()) {
        mismatches.add("seed " + seed + ": did not quiesce (clean " + clean.quiesced() + ", faulty " + faulty.quiesced() + ")");
      }
      for (String d : faulty.snapshot().differencesFrom(clean.snapshot())) {
        mismatches.add("seed " + seed + ": " + d);
      }
    }
    return new Totals(schedules, executions, faults, deliveries, mismatches, attempts, invocations, extras, cleanExtras,
        deadLettered, forged, refused, unexpected, wrong, notShown);
  }

  @Test
  void everyFaultyScheduleEndsLikeTheFaultFreeRun() {
    int seeds = Integer.getInteger("faults.seeds", 30);
    double rate = Double.parseDouble(System.getProperty("faults.rate", "0.08"));
    java.util.Set<FaultKind> kinds = kinds(System.getProperty("faults.kinds"));
    Totals totals = run(1, seeds, seed -> new FaultPlan(seed, rate, kinds), null);
    System.out.println(totals);
    totals.mismatches().stream().limit(20).forEach(System.out::println);
    totals.unexpected().stream().limit(10).forEach(u -> System.out.println("unexpected: " + u));
    totals.wrong().stream().limit(10).forEach(w -> System.out.println("wrong: " + w));
    totals.notShown().stream().limit(10).forEach(w -> System.out.println("dead letter not shown: " + w));
    totals.extras().stream().filter(e -> e.logged() == InvocationLedger.Logged.SUBMISSION).limit(5)
        .forEach(e -> System.out.println("invoked after its submission was logged: " + e));
    totals.extras().stream().limit(5).forEach(e -> System.out.println("extra invocation: " + e));
    totals.violations().stream().limit(5).forEach(e -> System.out.println("invoked after its answer was logged: " + e));

    assertThat(totals.injected()).isGreaterThanOrEqualTo(seeds >= 30 ? 1000 : 1);
    assertThat(totals.mismatches().size()).as("mismatches, first: %s", totals.mismatches().stream().limit(3).toList()).isZero();
    assertThat(totals.violations()).as("tasks re-invoked after their answer was logged").isEmpty();
    assertThat(totals.extras()).as("callback tasks re-invoked after their TaskSubmitted was logged")
        .noneMatch(e -> e.logged() == InvocationLedger.Logged.SUBMISSION && !e.outlived());
    assertThat(totals.cleanExtras()).as("invocations beyond one per attempt without faults").isEmpty();
    assertThat(totals.invocations()).isEqualTo(totals.attempts() + totals.extras().size());
    assertNothingLost(totals);
    if (seeds >= 30 && kinds.size() == FaultKind.values().length) {
      assertThat(totals.faults().keySet()).as("kinds injected").containsExactlyInAnyOrder(FaultKind.values());
      assertThat(totals.poisoned()).as("poisoned messages dead-lettered with their reason").isPositive();
    }
  }

  /**
   * What must hold of any run, faulty or not: no handler failed for a reason nobody planned, no
   * execution is left running or dead-lettered, no history goes back in time, every dead letter
   * says why (and, for the poisoned ones, its execution shows it), and every forged message was refused.
   */
  static void assertNothingLost(Totals totals) {
    assertThat(totals.unexpected()).as("handler failures nobody planned").isEmpty();
    assertThat(totals.wrong()).as("executions left running, dead letters left, histories out of order").isEmpty();
    assertThat(totals.deadLettered()).as("dead letters").allSatisfy(d -> assertThat(d.reason()).isNotBlank());
    assertThat(totals.refused()).as("forged messages refused").isEqualTo(totals.forged());
    assertThat(totals.notShown()).as("poisoned messages in the dead-letter queue that their execution does not show").isEmpty();
  }

  /** The kinds named in {@code -Dfaults.kinds=SLOW_STEP,THROTTLE} (all when none are named). */
  static java.util.Set<FaultKind> kinds(String names) {
    java.util.Set<FaultKind> kinds = java.util.EnumSet.allOf(FaultKind.class);
    if (names != null && !names.isBlank()) {
      kinds.clear();
      for (String name : names.split(",")) {
        kinds.add(FaultKind.valueOf(name.strip()));
      }
    }
    return kinds;
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
    assertNothingLost(totals);
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
    totals.unexpected().forEach(u -> System.out.println("unexpected: " + u));
    totals.wrong().forEach(w -> System.out.println("wrong: " + w));
    totals.extras().forEach(e -> System.out.println("extra invocation: " + e));
    System.exit(totals.mismatches().isEmpty() && totals.unexpected().isEmpty() && totals.wrong().isEmpty() ? 0 : 1);
  }
}
