package dev.nestflow.infrastructure.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link MapRunStore} must do, run against each adapter. */
abstract class MapRunStoreContract {
  protected MapRunStore store;
  private String arn;
  private String execution;

  protected abstract MapRunStore newStore();

  @BeforeEach
  void setUp() {
    store = newStore();
    String id = UUID.randomUUID().toString();
    arn = "arn:aws:states:us-east-1:123456789012:mapRun:M/L:" + id;
    execution = "arn:aws:states:us-east-1:123456789012:execution:M:" + id;
  }

  protected MapRunRecord run(String mapRunArn, long start) {
    return new MapRunRecord(mapRunArn, execution, "x#mapRun1", "Map", "arn:aws:states:us-east-1:123456789012:stateMachine:M/L",
        "STANDARD", "{\"StartAt\":\"P\"}", "arn:role", 250, 100, 10, 2, 12.5, true, null, "RUNNING", start, null, 0, null,
        null);
  }

  protected static ChildOutcome ok(String output) {
    return new ChildOutcome("SUCCEEDED", output, null, null, 1, 2);
  }

  @Test
  void aRunIsCreatedOnceAndReadBackAsWritten() {
    MapRunRecord run = run(arn, 1_000);

    assertThat(store.create(run)).isTrue();
    assertThat(store.create(run.withCursor(5))).isFalse();

    assertThat(store.mapRun(arn)).contains(run);
    assertThat(store.mapRun(arn + "-other")).isEmpty();
  }

  @Test
  void theRunsOfAnExecutionAreListedNewestFirst() {
    store.create(run(arn, 1_000));
    store.create(run(arn + "-later", 2_000));

    assertThat(store.mapRuns(execution)).extracting(MapRunRecord::mapRunArn).containsExactly(arn + "-later", arn);
  }

  @Test
  void oneOfTwoClaimsFromTheSameCursorWins() {
    store.create(run(arn, 1));

    assertThat(store.claim(arn, 0, 10)).isTrue();
    assertThat(store.claim(arn, 0, 10)).isFalse();
    assertThat(store.claim(arn, 10, 20)).isTrue();
    assertThat(store.mapRun(arn).orElseThrow().cursor()).isEqualTo(20);
  }

  @Test
  void limitsChangeAndTheRunEndsOnlyWhileRunning() {
    store.create(run(arn, 1));

    assertThat(store.updateLimits(arn, 40, 7, 50.0)).isTrue();
    assertThat(store.end(arn, "FAILED", 99, "States.ExceedToleratedFailureThreshold", "too many")).isTrue();
    assertThat(store.end(arn, "SUCCEEDED", 100, null, null)).isFalse();
    assertThat(store.updateLimits(arn, 1, 1, 1)).isFalse();
    assertThat(store.claim(arn, 0, 1)).isFalse();

    MapRunRecord ended = store.mapRun(arn).orElseThrow();
    assertThat(ended.maxConcurrency()).isEqualTo(40);
    assertThat(ended.toleratedFailureCount()).isEqualTo(7);
    assertThat(ended.toleratedFailurePercentage()).isEqualTo(50.0);
    assertThat(ended.status()).isEqualTo("FAILED");
    assertThat(ended.stopMillis()).isEqualTo(99);
    assertThat(ended.error()).isEqualTo("States.ExceedToleratedFailureThreshold");
    assertThat(ended.cause()).isEqualTo("too many");
  }

  @Test
  void anEndedRunReopensOnceUnderANewKeyAndForgetsTheOutcomesItIsTold() {
    store.create(run(arn, 1));
    store.record(arn, 0, Map.of(0, ok("1"), 1, new ChildOutcome("FAILED", null, "E", "C", 3, 4), 2, ok("3")));
    assertThat(store.reopen(arn, "x#mapRun2", 100)).isFalse(); // RUNNING
    store.end(arn, "FAILED", 99, "E", "C");

    assertThat(store.reopen(arn, "x#mapRun2", 100)).isTrue();
    assertThat(store.reopen(arn, "x#mapRun3", 101)).isFalse();
    store.forget(arn, 0, java.util.Set.of(1));

    MapRunRecord reopened = store.mapRun(arn).orElseThrow();
    assertThat(reopened.status()).isEqualTo("RUNNING");
    assertThat(reopened.taskKey()).isEqualTo("x#mapRun2");
    assertThat(reopened.stopMillis()).isNull();
    assertThat(reopened.error()).isNull();
    assertThat(reopened.cause()).isNull();
    assertThat(reopened.redriveCount()).isEqualTo(1);
    assertThat(reopened.redriveMillis()).isEqualTo(100);
    assertThat(store.outcomes(arn)).containsOnlyKeys(0, 2);
    // the forgotten child records its new outcome, and the chunk counts it once
    assertThat(store.record(arn, 0, Map.of(1, ok("2")))).isEqualTo(3);
    assertThat(store.outcomes(arn).get(1).succeeded()).isTrue();
  }

  @Test
  void inputsArePutOnce() {
    store.putInputs(arn, 0, "[1,2]");
    store.putInputs(arn, 0, "[3]");

    assertThat(store.inputs(arn, 0)).contains("[1,2]");
    assertThat(store.inputs(arn, 1)).isEmpty();
  }

  @Test
  void anOutcomeIsRecordedOnceAndTheFirstStays() {
    assertThat(store.record(arn, 0, Map.of(0, ok("1"), 1, ok("2")))).isEqualTo(2);
    assertThat(store.record(arn, 0, Map.of(1, ok("changed"), 2, new ChildOutcome("FAILED", null, "E", "C", 3, 4))))
        .isEqualTo(-1); // one of them was recorded before: the count is not known
    assertThat(store.record(arn, 1, Map.of(100, ok("\"x\"")))).isEqualTo(1);
    assertThat(store.record(arn, 0, Map.of(7, ok("7")))).isGreaterThanOrEqualTo(3);

    Map<Integer, ChildOutcome> outcomes = store.outcomes(arn);
    assertThat(outcomes).containsOnlyKeys(0, 1, 2, 7, 100);
    assertThat(outcomes.get(1).outputText()).isEqualTo("2");
    assertThat(outcomes.get(2)).isEqualTo(new ChildOutcome("FAILED", null, "E", "C", 3, 4));
    assertThat(outcomes.get(100).outputText()).isEqualTo("\"x\"");
  }

  @Test
  void aTickIsAskedForOnceUntilATickStartsAndReadsTheHead() {
    store.create(run(arn, 1));

    assertThat(store.requestTick(arn)).isTrue();
    assertThat(store.requestTick(arn)).isFalse();
    assertThat(store.startTick(arn)).contains(run(arn, 1));
    assertThat(store.requestTick(arn)).isTrue();
    assertThat(store.startTick(arn + "-none")).isEmpty();
    assertThat(store.mapRun(arn + "-none")).isEmpty();
  }

  @Test
  void chunksCountTheirOutcomesAndFailuresWithoutReadingThem() {
    store.record(arn, 0, Map.of(0, ok("1"), 1, new ChildOutcome("FAILED", null, "E", "C", 3, 4)));
    store.record(arn, 0, Map.of(1, ok("again"), 2, ok("2"))); // a redelivery adds nothing
    store.record(arn, 0, Map.of(2, ok("2")));
    store.record(arn, 2, Map.of(200, ok("\"" + "x".repeat(5_000) + "\""), 201, new ChildOutcome("TIMED_OUT", null, "T", "c".repeat(5_000), 1, 2)));
    store.record(arn, 3, Map.of(300, ok("3")));

    assertThat(store.counts(arn, 0, 2)).containsOnly(
        Map.entry(0, new MapRunStore.ChunkCount(3, 1)), Map.entry(2, new MapRunStore.ChunkCount(2, 1)));
    assertThat(store.counts(arn, 1, 1)).isEmpty();

    store.forget(arn, 0, java.util.Set.of(1));
    store.forget(arn, 0, java.util.Set.of(1)); // forgotten before: nothing changes
    assertThat(store.counts(arn, 0, 0)).containsOnly(Map.entry(0, new MapRunStore.ChunkCount(2, 0)));
  }

  @Test
  void progressIsWrittenWithAClaimAndAdvancedOnlyFromWhatWasSeen() {
    store.create(run(arn, 1));
    MapRunRecord.Progress first = new MapRunRecord.Progress(2, 1, 10, 0);

    assertThat(store.claim(arn, 0, 300, first)).isTrue();
    assertThat(store.mapRun(arn).orElseThrow().progress()).isEqualTo(first);
    assertThat(store.advance(arn, MapRunRecord.Progress.NONE, first.completeTo(9, 9))).isFalse(); // stale
    assertThat(store.advance(arn, first, first.completeTo(3, 2))).isTrue();
    assertThat(store.claim(arn, 300, 310)).isTrue(); // without progress: unchanged
    assertThat(store.mapRun(arn).orElseThrow().progress()).isEqualTo(new MapRunRecord.Progress(3, 2, 10, 0));

    store.end(arn, "FAILED", 5, "E", "C");
    assertThat(store.advance(arn, first.completeTo(3, 2), first.completeTo(4, 2))).isFalse(); // not running
    store.reopen(arn, "x#mapRun2", 6);
    assertThat(store.mapRun(arn).orElseThrow().progress()).isEqualTo(new MapRunRecord.Progress(0, 0, 10, 0));
  }

  @Test
  void largeOutputsAndCausesComeBackWhole() {
    String big = "\"" + "x".repeat(50_000) + "\"";
    String cause = "c".repeat(5_000);
    store.record(arn, 0, Map.of(3, ok(big), 4, new ChildOutcome("FAILED", null, "E", cause, 1, 2), 5, ok("1")));

    Map<Integer, ChildOutcome> outcomes = store.outcomes(arn);
    assertThat(outcomes.get(3).outputText()).isEqualTo(big);
    assertThat(outcomes.get(4).cause()).isEqualTo(cause);
    assertThat(outcomes.get(5).outputText()).isEqualTo("1");
  }
}
