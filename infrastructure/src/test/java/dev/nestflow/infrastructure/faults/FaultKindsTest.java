package dev.nestflow.infrastructure.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each fault kind on its own, at a high rate over a few schedules: every execution ends as in the
 * fault-free run and nothing is lost (see {@link FaultInjectionTest#assertNothingLost}). The
 * seeded mix of {@link FaultInjectionTest} injects all of them together.
 */
class FaultKindsTest {

  private static FaultInjectionTest.Totals only(FaultKind kind, int schedules, double rate) {
    FaultInjectionTest.Totals totals = FaultInjectionTest.run(100, schedules, seed -> new FaultPlan(seed, rate, EnumSet.of(kind)), null);
    System.out.println(kind + " " + totals);
    assertThat(totals.faults().getOrDefault(kind, 0)).as("%s injected", kind).isPositive();
    assertThat(totals.faults().keySet()).containsOnly(kind);
    assertThat(totals.mismatches()).as("mismatches").isEmpty();
    FaultInjectionTest.assertNothingLost(totals);
    return totals;
  }

  @Test
  void aStepSlowerThanTheVisibilityTimeoutIsHandledTwiceAtOnceAndEndsLikeTheFaultFreeRun() {
    FaultInjectionTest.Totals totals = only(FaultKind.SLOW_STEP, 8, 0.4);

    // the redelivery may perform the effects first; the first handling's invocations after it are counted
    assertThat(totals.violations()).as("re-invoked after the answer was logged, by a handler that did not outlive its message")
        .isEmpty();
  }

  @Test
  void aLambdaTimeoutInTheMiddleOfAStepLosesNothing() {
    FaultInjectionTest.Totals totals = only(FaultKind.LAMBDA_TIMEOUT, 8, 0.3);

    assertThat(totals.violations()).isEmpty();
    // a function that timed out right after its task returned lost the answer: the redelivery invoked it again
    assertThat(totals.extras()).anySatisfy(e -> assertThat(e.why()).contains("crashed (LAMBDA_TIMEOUT after task"));
  }

  @Test
  void throttledStoreCallsLoseNothing() {
    FaultInjectionTest.Totals totals = only(FaultKind.THROTTLE, 8, 0.3);

    assertThat(totals.violations()).isEmpty();
  }

  @Test
  void skewedClocksNeitherEndWaitsEarlyNorPutHistoriesOutOfOrder() {
    // assertNothingLost: no history goes back in time, no Wait ends before its Seconds
    only(FaultKind.CLOCK_SKEW, 8, 1.0);
  }

  @Test
  void forgedMessagesAreRefusedLoggedAndChangeNothing() {
    FaultHarness.Outcome outcome = new FaultHarness(100, new FaultPlan(100, 0.5, EnumSet.of(FaultKind.FORGED)), null,
        FaultHarness.MAX_RECEIVES).run();
    FaultHarness.Outcome clean = new FaultHarness(100, FaultPlan.none(), null, FaultHarness.MAX_RECEIVES).run();

    assertThat(outcome.forged()).isGreaterThanOrEqualTo(Forger.Way.values().length);
    assertThat(outcome.refused()).hasSize(outcome.forged());
    assertThat(outcome.refused()).allSatisfy(line -> assertThat(line).startsWith("refused transition message "));
    assertThat(outcome.refused()).anySatisfy(line -> assertThat(line).contains(": unsigned: "));
    assertThat(outcome.refused()).anySatisfy(line -> assertThat(line).contains(": signed with an unknown key"));
    assertThat(outcome.refused()).anySatisfy(line -> assertThat(line).contains(": signature does not match"));
    assertThat(outcome.snapshot().differencesFrom(clean.snapshot())).isEmpty();
    assertThat(outcome.wrong()).isEmpty();
    only(FaultKind.FORGED, 4, 0.5);
  }

  @Test
  void aPoisonedMessageReachesTheDeadLetterQueueWithItsReasonAndIsRedrivenAfterTheFix() {
    long seed = poisonedSeed();

    FaultHarness.Outcome outcome = new FaultHarness(seed, FaultPlan.none(), null, FaultHarness.MAX_RECEIVES).run();

    String poisoned = Workload.ACCOUNT + "execution:Poisoned:poisoned-" + seed;
    List<RedrivePolicyQueue.DeadLetter> dead = outcome.deadLettered();
    assertThat(dead).hasSize(1);
    assertThat(dead.get(0).body()).contains(poisoned);
    assertThat(dead.get(0).receives()).isEqualTo(FaultHarness.MAX_RECEIVES);
    assertThat(dead.get(0).reason()).contains(Workload.POISON);
    // while it waits in the dead-letter queue, DescribeExecution says so (RUNNING, error and cause)
    assertThat(outcome.deadLettersNotShown()).isEmpty();
    // after the fix and the redrive it finishes; nothing is left in the dead-letter queue
    assertThat(outcome.snapshot().executions().get(poisoned).status()).isEqualTo("SUCCEEDED");
    assertThat(outcome.wrong()).isEmpty();
    assertThat(outcome.unexpectedFailures()).isEmpty();
  }

  @Test
  void taskResultsOverThePayloadAndItemLimitsFailTheirTasksAsOnAwsAndLoseNothing() {
    long seed = bulkySeed(700 * 1024);

    FaultHarness.Outcome outcome = new FaultHarness(seed, FaultPlan.none(), null, FaultHarness.MAX_RECEIVES).run();

    Snapshot.View bulky = outcome.snapshot().executions().get(Workload.ACCOUNT + "execution:Bulky:bulky-" + seed);
    assertThat(bulky.status()).isEqualTo("SUCCEEDED");
    assertThat(bulky.history()).anySatisfy(e -> assertThat(e).contains("LambdaFunctionFailed").contains("States.DataLimitExceeded"));
    assertThat(outcome.unexpectedFailures()).as("handler failures (an item over 400 KB)").isEmpty();
    assertThat(outcome.deadLettered()).isEmpty();
    assertThat(outcome.wrong()).isEmpty();
  }

  private static long poisonedSeed() {
    for (long seed = 1; ; seed++) {
      if (Workload.starts(seed).stream().anyMatch(s -> s.machine().equals(Workload.POISONED))) {
        return seed;
      }
    }
  }

  private static long bulkySeed(int bytes) {
    for (long seed = 1; ; seed++) {
      if (Workload.starts(seed).stream().anyMatch(s -> s.machine().equals(Workload.BULKY) && s.input().contains("\"bytes\":" + bytes))) {
        return seed;
      }
    }
  }
}
