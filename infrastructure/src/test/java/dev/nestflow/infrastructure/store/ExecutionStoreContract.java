package dev.nestflow.infrastructure.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nestflow.infrastructure.embedded.VirtualClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link ExecutionStore} adapter shares. Each test uses ARNs of its own, so an
 * adapter may share one table between the tests of a class.
 */
public abstract class ExecutionStoreContract {
  private static final int KIB = 1024;

  protected ExecutionStore store;
  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private final String machineArn = "arn:aws:states:us-east-1:123456789012:stateMachine:sm-" + run;

  /**
   * The store under test, whose items expire by {@code retention} on {@code clock}; may share its
   * storage with earlier tests of the class.
   */
  protected abstract ExecutionStore newStore(Clock clock, Retention retention);

  /** The store under test on a clock at the epoch: the records of most tests start in 1970. */
  protected ExecutionStore newStore() {
    return newStore(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), Retention.DEFAULT);
  }

  /**
   * Whether the backend applies concurrent conditional writes one at a time, as DynamoDB does.
   * moto_server serves requests on several threads without serialising conditional writes, so two
   * racing writes can both pass their condition there: races are checked only where it holds.
   */
  protected boolean serialisesConcurrentConditionalWrites() {
    return true;
  }

  @BeforeEach
  void setUpStore() {
    store = newStore();
  }

  private String executionArn(String name) {
    return "arn:aws:states:us-east-1:123456789012:execution:sm-" + run + ":" + name;
  }

  private ExecutionRecord started(String name, long startMillis) {
    return new ExecutionRecord(executionArn(name), machineArn, name, "STANDARD",
        "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"End\":true}}}", "{\"n\":1}",
        "arn:aws:iam::123456789012:role/r", startMillis, 42L, 0, "RUNNING", null, null, null, null, null, null, null);
  }

  private static SignalEntry signal(long seq, String json) {
    return new SignalEntry(seq, "sig-" + seq, json, 1_000 + seq);
  }

  private static ExecutionRecord running(ExecutionRecord r, long version) {
    return r.advanced(version, "RUNNING", null, null, null, null);
  }

  private static String text(int bytes, char c) {
    return String.valueOf(c).repeat(bytes);
  }

  // ---- executions

  @Test
  void createdExecutionIsReadBackWithEveryField() {
    ExecutionRecord child = new ExecutionRecord(executionArn("child"), machineArn, "child", "EXPRESS",
        "{\"StartAt\":\"W\"}", "{\"ü\":\"✓\"}", null, 1_700_000_000_123L, -7L, 0, "RUNNING", null, null, null,
        null, executionArn("parent"), "task#3", "SYNC_2");

    assertThat(store.create(child)).isTrue();

    assertThat(store.execution(child.executionArn())).contains(child);
    assertThat(store.signals(child.executionArn())).containsExactly(SignalEntry.start(child.startMillis()));
  }

  @Test
  void createReturnsFalseAndKeepsTheFirstWhenTheArnExists() {
    ExecutionRecord first = started("dup", 1);
    ExecutionRecord second = new ExecutionRecord(first.executionArn(), machineArn, "dup", "STANDARD", "{}", "{}",
        null, 2, 1, 0, "RUNNING", null, null, null, null, null, null, null);

    assertThat(store.create(first)).isTrue();
    assertThat(store.create(second)).isFalse();

    assertThat(store.execution(first.executionArn())).contains(first);
  }

  @Test
  void createRefusesAHeadThatIsNotAtVersionZero() {
    assertThatThrownBy(() -> store.create(running(started("v1", 1), 1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void unknownExecutionIsEmptyAndHasNoSignals() {
    assertThat(store.execution(executionArn("nobody"))).isEmpty();
    assertThat(store.signals(executionArn("nobody"))).isEmpty();
  }

  @Test
  void appendAddsTheSignalWithoutRewritingTheHead() {
    ExecutionRecord head = started("a", 1);
    store.create(head);

    assertThat(store.append(head.executionArn(), signal(2, "{\"type\":\"start\"}"))).isTrue();

    assertThat(store.execution(head.executionArn())).contains(head);
    assertThat(store.signals(head.executionArn())).containsExactly(SignalEntry.start(1), signal(2, "{\"type\":\"start\"}"));
  }

  @Test
  void appendFailsWhenAnotherStepTookTheLogPosition() {
    ExecutionRecord head = started("race", 1);
    store.create(head);
    assertThat(store.append(head.executionArn(), signal(2, "{\"from\":\"winner\"}"))).isTrue();

    boolean late = store.append(head.executionArn(), signal(2, "{\"from\":\"loser\"}"));

    assertThat(late).isFalse();
    assertThat(store.signals(head.executionArn())).containsExactly(SignalEntry.start(1), signal(2, "{\"from\":\"winner\"}"));
  }

  @Test
  void reopenTurnsTheClosedHeadItReadBackToRunningOnlyOnce() {
    ExecutionRecord head = started("redriven", 1);
    store.create(head);
    store.append(head.executionArn(), signal(2, "{}"));
    ExecutionRecord failed = head.advanced(2, "FAILED", 5L, null, "E", "C");
    store.end(failed);
    store.append(head.executionArn(), signal(3, "{}"));
    ExecutionRecord reopened = failed.redriven(3, 9L);

    assertThat(store.reopen(failed, reopened)).isTrue();
    assertThat(store.reopen(failed, failed.redriven(3, 10L))).isFalse();
    ExecutionRecord read = store.execution(head.executionArn()).orElseThrow();
    assertThat(read).isEqualTo(reopened);
    assertThat(read.running()).isTrue();
    assertThat(read.redriveCount()).isEqualTo(1);
    assertThat(read.redriveMillis()).isEqualTo(9L);
    assertThat(read.stopMillis()).isNull();
    assertThat(read.error()).isNull();

    // it ends again, keeping its redrive count and date
    ExecutionRecord succeeded = read.advanced(4, "SUCCEEDED", 12L, "{}", null, null);
    assertThat(store.end(succeeded)).isTrue();
    assertThat(store.execution(head.executionArn())).contains(succeeded);
    assertThat(store.executions(machineArn)).filteredOn(e -> e.executionArn().equals(head.executionArn()))
        .extracting(ExecutionRecord::redriveCount).containsExactly(1);
  }

  @Test
  void reopenRefusesAHeadThatIsNotTheClosedOneRead() {
    ExecutionRecord head = started("still-running", 1);
    store.create(head);
    ExecutionRecord failed = head.advanced(2, "FAILED", 5L, null, "E", "C");
    assertThat(store.reopen(failed, failed.redriven(3, 9L))).isFalse();
    assertThat(store.execution(head.executionArn())).contains(head);
  }

  @Test
  void deadLetterNotesAreKeptPerSignalAndReplacedBySignal() {
    ExecutionRecord head = started("dead-lettered", 1);
    store.create(head);
    assertThat(store.deadLetters(head.executionArn())).isEmpty();
    store.noteDeadLetter(head.executionArn(), new DeadLetterNote("timer:x@2", "boom", 5, 100));
    store.noteDeadLetter(head.executionArn(), new DeadLetterNote("task:y@3", "bang", 5, 200));
    store.noteDeadLetter(head.executionArn(), new DeadLetterNote("timer:x@2", "boom again", 6, 300));

    assertThat(store.deadLetters(head.executionArn())).containsExactly(
        new DeadLetterNote("task:y@3", "bang", 5, 200), new DeadLetterNote("timer:x@2", "boom again", 6, 300));
    assertThat(store.signals(head.executionArn())).hasSize(1);
    assertThat(store.deadLetters(executionArn("other"))).isEmpty();
  }

  @Test
  void latestSnapshotIsTheOneWithTheHighestSeqNotAboveTheOneAsked() {
    ExecutionRecord head = started("snap", 1);
    store.create(head);
    assertThat(store.latestSnapshot(head.executionArn(), Long.MAX_VALUE)).isEmpty();

    store.putSnapshot(head.executionArn(), new SnapshotRecord(100, "{\"at\":100}"));
    store.putSnapshot(head.executionArn(), new SnapshotRecord(200, "{\"at\":200}"));
    store.putSnapshot(head.executionArn(), new SnapshotRecord(200, "{\"at\":200}"));
    store.putSnapshot(head.executionArn(), new SnapshotRecord(9, "{\"at\":9}"));

    assertThat(store.latestSnapshot(head.executionArn(), Long.MAX_VALUE)).contains(new SnapshotRecord(200, "{\"at\":200}"));
    assertThat(store.latestSnapshot(head.executionArn(), 199)).contains(new SnapshotRecord(100, "{\"at\":100}"));
    assertThat(store.latestSnapshot(head.executionArn(), 100)).contains(new SnapshotRecord(100, "{\"at\":100}"));
    assertThat(store.latestSnapshot(head.executionArn(), 8)).isEmpty();
    assertThat(store.latestSnapshot(executionArn("nobody"), Long.MAX_VALUE)).isEmpty();
    assertThat(store.signals(head.executionArn())).containsExactly(SignalEntry.start(1));
    assertThat(store.execution(head.executionArn())).contains(head);
  }

  @Test
  void aSnapshotLargerThanAnItemIsReadBackWhole() {
    ExecutionRecord head = started("big-snap", 1);
    store.create(head);
    java.util.Random random = new java.util.Random(3);
    StringBuilder big = new StringBuilder("{\"items\":\"");
    while (big.length() < 1_200 * KIB) {
      big.append(Long.toString(random.nextLong(), 36));
    }
    String state = big.append("\"}").toString();

    store.putSnapshot(head.executionArn(), new SnapshotRecord(20_000, state));
    store.putSnapshot(head.executionArn(), new SnapshotRecord(20_000, state));

    assertThat(store.latestSnapshot(head.executionArn(), 20_000)).contains(new SnapshotRecord(20_000, state));
    assertThat(store.signals(head.executionArn())).containsExactly(SignalEntry.start(1));
  }

  @Test
  void endReplacesARunningHeadOnlyOnce() {
    ExecutionRecord head = started("twice-ended", 1);
    store.create(head);
    store.append(head.executionArn(), signal(2, "{}"));
    ExecutionRecord succeeded = head.advanced(2, "SUCCEEDED", 5L, "{}", null, null);

    assertThat(store.end(succeeded)).isTrue();
    assertThat(store.end(head.advanced(2, "ABORTED", 6L, null, "E", "C"))).isFalse();

    assertThat(store.execution(head.executionArn())).contains(succeeded);
  }

  @Test
  void appendRefusesAPositionBeforeOneAndEndRefusesARunningHead() {
    ExecutionRecord head = started("bad-args", 1);
    store.create(head);

    assertThatThrownBy(() -> store.append(head.executionArn(), signal(0, "{}")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.end(running(head, 1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(store.signals(head.executionArn())).containsExactly(SignalEntry.start(1));
    assertThat(store.execution(head.executionArn())).contains(head);
  }

  @Test
  void signalsComeBackInSeqOrderPastNine() {
    ExecutionRecord head = started("long", 1);
    store.create(head);
    for (long seq = 2; seq <= 12; seq++) {
      assertThat(store.append(head.executionArn(), signal(seq, "{\"seq\":" + seq + "}"))).isTrue();
    }

    assertThat(store.signals(head.executionArn())).extracting(SignalEntry::seq)
        .containsExactlyElementsOf(LongStream.rangeClosed(1, 12).boxed().toList());
  }

  @Test
  void signalsAfterReturnsOnlyTheEntriesPastTheGivenPosition() {
    ExecutionRecord head = started("catching-up", 1);
    store.create(head);
    for (long seq = 2; seq <= 12; seq++) {
      store.append(head.executionArn(), signal(seq, "{\"seq\":" + seq + "}"));
    }

    assertThat(store.signalsAfter(head.executionArn(), 9)).extracting(SignalEntry::seq).containsExactly(10L, 11L, 12L);
    assertThat(store.signalsAfter(head.executionArn(), 12)).isEmpty();
    assertThat(store.signalsAfter(head.executionArn(), 0)).isEqualTo(store.signals(head.executionArn()));
    assertThat(store.signalsAfter(executionArn("nobody"), 0)).isEmpty();
  }

  @Test
  void endedHeadKeepsItsStatusStopTimeOutputErrorAndCause() {
    ExecutionRecord ok = started("ok", 1);
    ExecutionRecord failed = started("failed", 2);
    store.create(ok);
    store.create(failed);
    ExecutionRecord succeeded = ok.advanced(1, "SUCCEEDED", 5_000L, "{\"result\":[1,2]}", null, null);
    ExecutionRecord failedHead = failed.advanced(1, "FAILED", 6_000L, null, "States.TaskFailed", "boom ✗");

    store.end(succeeded);
    store.end(failedHead);

    assertThat(store.execution(ok.executionArn())).contains(succeeded);
    assertThat(store.execution(failed.executionArn())).contains(failedHead);
    assertThat(store.execution(ok.executionArn()).orElseThrow().running()).isFalse();
  }

  @Test
  void onlyOneOfConcurrentAppendsAtTheSamePositionWins() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(serialisesConcurrentConditionalWrites(),
        "this backend does not serialise concurrent conditional writes");
    ExecutionRecord head = started("concurrent", 1);
    store.create(head);
    int racers = 6;
    ExecutorService pool = Executors.newFixedThreadPool(racers);
    try {
      List<Callable<Boolean>> attempts = new ArrayList<>();
      for (int i = 0; i < racers; i++) {
        String json = "{\"racer\":" + i + "}";
        attempts.add(() -> store.append(head.executionArn(), signal(2, json)));
      }
      long winners = 0;
      for (Future<Boolean> f : pool.invokeAll(attempts)) {
        winners += f.get() ? 1 : 0;
      }
      assertThat(winners).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
    assertThat(store.signals(head.executionArn())).hasSize(2);
  }

  @Test
  void signalCarryingA256KiBOutputIsStored() {
    ExecutionRecord head = started("big-signal", 1);
    store.create(head);
    String json = "{\"output\":\"" + text(256 * KIB - 14, 'x') + "\"}";

    assertThat(store.append(head.executionArn(), signal(2, json))).isTrue();

    assertThat(store.signals(head.executionArn())).extracting(SignalEntry::signalJson).endsWith(json);
  }

  @Test
  void executionWithA256KiBInputAndA256KiBOutputIsStored() {
    ExecutionRecord small = started("big-payloads", 1);
    String input = "\"" + text(256 * KIB - 2, 'i') + "\"";
    String output = "\"" + text(256 * KIB - 2, 'o') + "\"";
    ExecutionRecord head = new ExecutionRecord(small.executionArn(), machineArn, small.name(), "STANDARD",
        small.definition(), input, null, 1, 1, 0, "RUNNING", null, null, null, null, null, null, null);
    store.create(head);
    ExecutionRecord done = head.advanced(1, "SUCCEEDED", 2L, output, null, null);

    assertThat(store.end(done)).isTrue();

    assertThat(store.execution(head.executionArn())).contains(done);
  }

  @Test
  void executionsAreListedNewestFirstAndOnlyForTheirStateMachine() {
    store.create(started("old", 1_000));
    store.create(started("newest", 3_000));
    store.create(started("middle", 2_000));
    ExecutionRecord elsewhere = new ExecutionRecord(executionArn("elsewhere"), machineArn + "-other", "elsewhere",
        "STANDARD", "{}", "{}", null, 9_000, 1, 0, "RUNNING", null, null, null, null, null, null, null);
    store.create(elsewhere);
    ExecutionRecord middle = started("middle", 2_000);
    store.end(middle.advanced(1, "SUCCEEDED", 2_500L, "{}", null, null));

    List<ExecutionRecord> listed = store.executions(machineArn);

    assertThat(listed).extracting(ExecutionRecord::name).containsExactly("newest", "middle", "old");
    assertThat(listed.get(1).status()).isEqualTo("SUCCEEDED");
    assertThat(listed.get(1).definition()).isEqualTo(middle.definition());
    assertThat(store.executions(machineArn + "-none")).isEmpty();
  }

  @Test
  void signalsBeyondOneMegabyteAreAllReturned() {
    ExecutionRecord head = started("megabyte", 1);
    store.create(head);
    for (long seq = 2; seq <= 6; seq++) {
      String json = "{\"output\":\"" + text(250 * KIB, (char) ('a' + seq)) + "\"}";
      assertThat(store.append(head.executionArn(), signal(seq, json))).isTrue();
    }

    List<SignalEntry> log = store.signals(head.executionArn());

    assertThat(log).extracting(SignalEntry::seq).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    assertThat(log.get(5).signalJson()).contains(text(250 * KIB, 'g'));
  }

  @Test
  void executionsBeyondOneBatchReadAreAllListed() {
    for (int i = 0; i < 105; i++) {
      store.create(started(String.format("e%03d", i), 10_000 + i));
    }

    List<ExecutionRecord> listed = store.executions(machineArn);

    assertThat(listed).hasSize(105);
    assertThat(listed.get(0).name()).isEqualTo("e104");
    assertThat(listed.get(104).name()).isEqualTo("e000");
    assertThat(listed).allSatisfy(r -> assertThat(r.definition()).startsWith("{\"StartAt\""));
  }

  // ---- creating again, opening, adopting

  @Test
  void createRetriedWithTheSameRecordReturnsTrueAndChangesNothing() {
    ExecutionRecord head = started("retried", 1);
    assertThat(store.create(head)).isTrue();
    store.append(head.executionArn(), signal(2, "{}"));

    assertThat(store.create(head)).isTrue();
    assertThat(store.create(new ExecutionRecord(head.executionArn(), machineArn, head.name(), "STANDARD",
        head.definition(), head.inputText(), null, 1, 43L, 0, "RUNNING", null, null, null, null, null, null, null)))
        .as("another execution of the name (another seed)").isFalse();

    assertThat(store.execution(head.executionArn())).contains(head);
    assertThat(store.signals(head.executionArn())).containsExactly(SignalEntry.start(1), signal(2, "{}"));
  }

  /** A record with an input of {@code inputBytes} UTF-8 bytes and a key id. */
  private ExecutionRecord withInput(String name, int inputBytes) {
    return new ExecutionRecord(executionArn(name), machineArn, name, "STANDARD", started(name, 7).definition(),
        "\"ü" + text(inputBytes - 4, 'i') + "\"", "arn:aws:iam::123456789012:role/r", 7, 9L, 0, "RUNNING", null, null,
        null, null, null, null, null, 0, null, "key-7");
  }

  @Test
  void smallAndLargeInputsRoundTripThroughCreateEndAndReopen() {
    for (ExecutionRecord head : List.of(withInput("small-input", 40), withInput("input-at-8k", 8 * KIB),
        withInput("input-over-8k", 8 * KIB + 1), withInput("large-input", 200 * KIB))) {
      assertThat(store.create(head)).as(head.name()).isTrue();
      assertThat(store.execution(head.executionArn())).as(head.name()).contains(head);
      assertThat(store.open(head.executionArn(), 10)).as(head.name())
          .contains(new ExecutionStore.Opened(head, List.of(SignalEntry.start(7))));
      store.append(head.executionArn(), signal(2, "{}"));
      ExecutionRecord failed = head.advanced(2, "FAILED", 20L, null, "E", "C");
      assertThat(store.end(failed)).as(head.name()).isTrue();
      assertThat(store.execution(head.executionArn())).as(head.name()).contains(failed);
      store.append(head.executionArn(), signal(3, "{}"));
      ExecutionRecord reopened = failed.redriven(3, 30L);
      assertThat(store.reopen(failed, reopened)).as(head.name()).isTrue();
      assertThat(store.execution(head.executionArn())).as(head.name()).contains(reopened);
      ExecutionRecord succeeded = reopened.advanced(4, "SUCCEEDED", 40L, "{\"out\":1}", null, null);
      store.append(head.executionArn(), signal(4, "{}"));
      assertThat(store.end(succeeded)).as(head.name()).isTrue();
      assertThat(store.execution(head.executionArn())).as(head.name()).contains(succeeded);
      assertThat(store.open(head.executionArn(), 10).orElseThrow().record()).as(head.name()).isEqualTo(succeeded);
      assertThat(store.executions(machineArn)).as(head.name()).contains(succeeded);
    }
  }

  @Test
  void openReturnsTheHeadAndTheWholeLogWhenItIsShort() {
    ExecutionRecord head = started("opened", 1);
    store.create(head);
    for (long seq = 2; seq <= 12; seq++) {
      store.append(head.executionArn(), signal(seq, "{\"seq\":" + seq + "}"));
    }
    store.putSnapshot(head.executionArn(), new SnapshotRecord(5, "{\"at\":5}"));
    store.noteDeadLetter(head.executionArn(), new DeadLetterNote("timer:x@2", "boom", 5, 100));

    ExecutionStore.Opened opened = store.open(head.executionArn(), 12).orElseThrow();

    assertThat(opened.record()).isEqualTo(head);
    assertThat(opened.log()).isEqualTo(store.signals(head.executionArn())).hasSize(12);
  }

  @Test
  void openLeavesALogLongerThanAskedToTheCaller() {
    ExecutionRecord head = started("opened-long", 1);
    store.create(head);
    for (long seq = 2; seq <= 30; seq++) {
      store.append(head.executionArn(), signal(seq, "{}"));
    }

    ExecutionStore.Opened opened = store.open(head.executionArn(), 29).orElseThrow();

    assertThat(opened.record()).isEqualTo(head);
    assertThat(opened.log()).isNull();
    assertThat(store.open(head.executionArn(), 5).orElseThrow().log()).isNull();
    assertThat(store.open(head.executionArn(), 30).orElseThrow().log()).hasSize(30);
  }

  @Test
  void openOfAnUnknownOrExpiredExecutionIsEmpty() {
    VirtualClock clock = new VirtualClock(T0);
    ExecutionStore expiring = newStore(clock, new Retention(RETENTION));
    ExecutionRecord head = startedAt("opened-expired", "EXPRESS", T0);
    expiring.create(head);
    assertThat(expiring.open(head.executionArn(), 10)).isPresent();

    clock.advanceTo(T0.plus(Retention.EXPRESS_LIFETIME).plus(RETENTION).plusSeconds(1));

    assertThat(expiring.open(head.executionArn(), 10)).isEmpty();
    assertThat(expiring.open(executionArn("never-opened"), 10)).isEmpty();
  }

  @Test
  void openOfAReusedNameShowsOnlyTheNewExecutionsLog() {
    VirtualClock clock = new VirtualClock(T0);
    ExecutionStore expiring = newStore(clock, new Retention(RETENTION));
    ExecutionRecord first = startedAt("opened-reused", "STANDARD", T0);
    expiring.create(first);
    for (long seq = 2; seq <= 4; seq++) {
      expiring.append(first.executionArn(), new SignalEntry(seq, "old-" + seq, "{}", clock.millis()));
    }
    expiring.end(first.advanced(4, "FAILED", clock.millis(), null, "E", "c"));
    Instant again = T0.plus(RETENTION).plusSeconds(60);
    clock.advanceTo(again);
    ExecutionRecord second = startedAt("opened-reused", "STANDARD", again);
    expiring.create(second);
    expiring.append(second.executionArn(), new SignalEntry(2, "new-2", "{}", clock.millis()));

    ExecutionStore.Opened opened = expiring.open(second.executionArn(), 10).orElseThrow();

    assertThat(opened.record()).isEqualTo(second);
    assertThat(opened.log()).extracting(SignalEntry::signalId).containsExactly("start", "new-2");
  }

  @Test
  void anAdoptedExecutionIsAppendedToAndEndedAsOneCreatedHere() {
    ExecutionRecord head = started("adopted", 1);
    store.create(head);

    store.adopt(head);
    assertThat(store.append(head.executionArn(), signal(2, "{}"))).isTrue();
    assertThat(store.append(head.executionArn(), signal(2, "{\"late\":1}"))).isFalse();
    ExecutionRecord done = head.advanced(2, "SUCCEEDED", 5L, "{}", null, null);
    assertThat(store.end(done)).isTrue();

    assertThat(store.execution(head.executionArn())).contains(done);
    assertThat(store.signals(head.executionArn())).containsExactly(SignalEntry.start(1), signal(2, "{}"));
  }

  // ---- retention

  private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
  private static final Duration RETENTION = Duration.ofDays(90);

  private ExecutionRecord startedAt(String name, String type, Instant at) {
    return new ExecutionRecord(executionArn(name), machineArn, name, type,
        "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"End\":true}}}", "{\"at\":\"" + at + "\"}",
        "arn:aws:iam::123456789012:role/r", at.toEpochMilli(), 42L, 0, "RUNNING", null, null, null, null, null, null, null);
  }

  @Test
  void aClosedExecutionExpiresTheRetentionAfterItEndsWithItsLog() {
    VirtualClock clock = new VirtualClock(T0);
    ExecutionStore expiring = newStore(clock, new Retention(RETENTION));
    ExecutionRecord head = startedAt("closes", "STANDARD", T0);
    expiring.create(head);
    expiring.append(head.executionArn(), new SignalEntry(2, "s2", "{}", T0.toEpochMilli() + 1));
    Instant end = T0.plus(Duration.ofHours(1));
    clock.advanceTo(end);
    ExecutionRecord done = head.advanced(2, "SUCCEEDED", end.toEpochMilli(), "{}", null, null);
    expiring.end(done);

    clock.advanceTo(end.plus(RETENTION).minusSeconds(2));
    assertThat(expiring.execution(head.executionArn())).contains(done);
    assertThat(expiring.signals(head.executionArn())).hasSize(2);
    assertThat(expiring.executions(machineArn)).extracting(ExecutionRecord::name).contains("closes");

    clock.advanceTo(end.plus(RETENTION).plusSeconds(1));
    assertThat(expiring.execution(head.executionArn())).isEmpty();
    assertThat(expiring.signals(head.executionArn())).isEmpty();
    assertThat(expiring.executions(machineArn)).extracting(ExecutionRecord::name).doesNotContain("closes");
  }

  @Test
  void aRunningExecutionStaysUntilItsLongestLifetimePlusTheRetention() {
    VirtualClock clock = new VirtualClock(T0);
    ExecutionStore expiring = newStore(clock, new Retention(RETENTION));
    ExecutionRecord standard = startedAt("long-runner", "STANDARD", T0);
    ExecutionRecord express = startedAt("quick-runner", "EXPRESS", T0);
    expiring.create(standard);
    expiring.create(express);

    clock.advanceTo(T0.plus(Retention.EXPRESS_LIFETIME).plus(RETENTION).plusSeconds(1));
    assertThat(expiring.execution(express.executionArn())).isEmpty();
    assertThat(expiring.execution(standard.executionArn())).contains(standard);
    assertThat(expiring.append(standard.executionArn(), new SignalEntry(2, "s2", "{}", clock.millis()))).isTrue();

    clock.advanceTo(T0.plus(Retention.STANDARD_LIFETIME).plus(RETENTION).plusSeconds(1));
    assertThat(expiring.execution(standard.executionArn())).isEmpty();
    assertThat(expiring.signals(standard.executionArn())).isEmpty();
  }

  @Test
  void aNameStartedAgainAfterItsExecutionExpiredSeesNothingOfTheEarlierOne() {
    VirtualClock clock = new VirtualClock(T0);
    ExecutionStore expiring = newStore(clock, new Retention(RETENTION));
    ExecutionRecord first = startedAt("reused", "STANDARD", T0);
    expiring.create(first);
    for (long seq = 2; seq <= 4; seq++) {
      expiring.append(first.executionArn(), new SignalEntry(seq, "old-" + seq, "{\"old\":" + seq + "}", clock.millis()));
    }
    expiring.noteDeadLetter(first.executionArn(), new DeadLetterNote("old-5", "boom", 5, clock.millis()));
    expiring.putSnapshot(first.executionArn(), new SnapshotRecord(3, "{\"old\":3}"));
    expiring.end(first.advanced(4, "FAILED", clock.millis(), null, "E", "c"));
    Instant again = T0.plus(RETENTION).plusSeconds(60);
    clock.advanceTo(again);
    ExecutionRecord second = startedAt("reused", "STANDARD", again);

    assertThat(expiring.create(second)).isTrue();
    assertThat(expiring.create(startedAt("reused", "STANDARD", again.plusSeconds(1)))).isFalse();
    assertThat(expiring.execution(second.executionArn())).contains(second);
    assertThat(expiring.signals(second.executionArn())).containsExactly(SignalEntry.start(again.toEpochMilli()));
    assertThat(expiring.deadLetters(second.executionArn())).isEmpty();
    assertThat(expiring.latestSnapshot(second.executionArn(), Long.MAX_VALUE)).isEmpty();
    assertThat(expiring.append(second.executionArn(), new SignalEntry(2, "new-2", "{\"new\":2}", clock.millis()))).isTrue();
    assertThat(expiring.append(second.executionArn(), new SignalEntry(3, "new-3", "{}", clock.millis()))).isTrue();
    assertThat(expiring.signals(second.executionArn())).extracting(SignalEntry::signalId).containsExactly("start", "new-2", "new-3");
    assertThat(expiring.signalsAfter(second.executionArn(), 1)).extracting(SignalEntry::signalId).containsExactly("new-2", "new-3");
    assertThat(expiring.signalsAfter(second.executionArn(), 2)).extracting(SignalEntry::signalId).containsExactly("new-3");
    assertThat(expiring.end(second.advanced(3, "SUCCEEDED", clock.millis(), "{}", null, null))).isTrue();
    assertThat(expiring.execution(second.executionArn()).orElseThrow().status()).isEqualTo("SUCCEEDED");
  }

  @Test
  void tokensAndActivityTasksExpireWithTheirExecution() {
    VirtualClock clock = new VirtualClock(T0);
    ExecutionStore expiring = newStore(clock, new Retention(RETENTION));
    ExecutionRecord head = startedAt("waits", "EXPRESS", T0);
    expiring.create(head);
    String token = "tok-expiring-" + run;
    String activity = "arn:aws:states:us-east-1:123456789012:activity:expiring-" + run;
    expiring.putToken(new TokenRecord(token, head.executionArn(), "Task#1", T0.toEpochMilli()));
    expiring.putActivityTask(new ActivityTaskRecord(activity, token, head.executionArn(), "Task#1", "{}", T0.toEpochMilli()));
    assertThat(expiring.token(token)).isPresent();
    assertThat(expiring.activityTasks(activity)).hasSize(1);

    clock.advanceTo(T0.plus(Retention.EXPRESS_LIFETIME).plus(RETENTION).plusSeconds(1));

    assertThat(expiring.token(token)).isEmpty();
    assertThat(expiring.answerToken(token, "late")).isFalse();
    assertThat(expiring.activityTasks(activity)).isEmpty();
  }

  // ---- definitions

  @Test
  void aDefinitionOfOneMebibyteWithAnInputOf256KiBIsStoredAndReadBack() {
    String definition = oneMebibyteDefinition();
    StateMachineRecord machine = new StateMachineRecord(machineArn, "sm", "STANDARD", definition, "arn:role", 10);
    store.putStateMachine(machine);
    String input = "\"" + text(256 * KIB - 2, 'i') + "\"";
    ExecutionRecord head = ExecutionRecord.started(executionArn("big-definition"), machine, "big-definition", input, 5, 1);

    assertThat(store.create(head)).isTrue();
    assertThat(store.create(ExecutionRecord.started(executionArn("same-definition"), machine, "same-definition", "{}", 6, 1)))
        .isTrue();

    assertThat(store.stateMachine(machineArn)).contains(machine);
    assertThat(store.execution(head.executionArn())).contains(head);
    assertThat(store.executions(machineArn)).extracting(ExecutionRecord::definition).containsOnly(definition);
  }

  /** A valid definition of exactly 1,048,576 UTF-8 bytes (with characters of 1, 2, 3 and 4 bytes). */
  static String oneMebibyteDefinition() {
    String head = "{\"Comment\":\"ü€𝄞";
    String tail = "\",\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"End\":true}}}";
    int used = (head + tail).getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    String definition = head + text(1024 * KIB - used, 'x') + tail;
    assertThat(definition.getBytes(java.nio.charset.StandardCharsets.UTF_8)).hasSize(1024 * KIB);
    return definition;
  }

  // ---- state machines and tokens

  @Test
  void stateMachineIsStoredAndReplaced() {
    StateMachineRecord v1 = new StateMachineRecord(machineArn, "sm", "STANDARD", "{\"v\":1}", "arn:role", 10);
    StateMachineRecord v2 = new StateMachineRecord(machineArn, "sm", "STANDARD", "{\"v\":2}", "arn:role", 10);

    store.putStateMachine(v1);
    assertThat(store.stateMachine(machineArn)).contains(v1);
    store.putStateMachine(v2);
    assertThat(store.stateMachine(machineArn)).contains(v2);
    assertThat(store.stateMachine(machineArn + "-unknown")).isEmpty();
  }

  @Test
  void tokenIsStoredAndReadBack() {
    TokenRecord token = new TokenRecord("tok-" + run, executionArn("t"), "Task#1", 77);

    assertThat(store.putToken(token)).isTrue();

    assertThat(store.token(token.token())).contains(token);
    assertThat(store.token("tok-unknown-" + run)).isEmpty();
  }

  @Test
  void aTokenTakesOneAnswerAndItsRetryButNotASecondAnswer() {
    String token = "tok-answer-" + run;
    store.putToken(new TokenRecord(token, executionArn("t"), "Task#1", 77));

    assertThat(store.answerToken(token, "first")).isTrue();
    assertThat(store.answerToken(token, "first")).isTrue();
    assertThat(store.answerToken(token, "second")).isFalse();
    assertThat(store.answerToken("tok-unknown-" + run, "first")).isFalse();
  }

  @Test
  void aNewAttemptWithTheSameTokenForgetsTheEarlierAnswer() {
    TokenRecord token = new TokenRecord("tok-again-" + run, executionArn("t"), "Task#1", 77);
    store.putToken(token);
    store.answerToken(token.token(), "attempt 1");

    assertThat(store.putToken(new TokenRecord(token.token(), executionArn("t"), "Task#1", 99))).isFalse();

    assertThat(store.answerToken(token.token(), "attempt 2")).isTrue();
    assertThat(store.token(token.token())).map(TokenRecord::createdMillis).contains(99L);
  }

  @Test
  void onlyOneOfConcurrentDifferentAnswersIsTaken() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(serialisesConcurrentConditionalWrites(),
        "this backend does not serialise concurrent conditional writes");
    String token = "tok-race-" + run;
    store.putToken(new TokenRecord(token, executionArn("t"), "Task#1", 77));
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<Callable<Boolean>> answers = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        String answer = "answer-" + i;
        answers.add(() -> store.answerToken(token, answer));
      }
      long taken = 0;
      for (Future<Boolean> f : pool.invokeAll(answers)) {
        taken += f.get() ? 1 : 0;
      }
      assertThat(taken).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  // ---- activities

  private String activityArn(String name) {
    return "arn:aws:states:us-east-1:123456789012:activity:" + name + "-" + run;
  }

  @Test
  void activityIsCreatedOnceAndDeleted() {
    ActivityRecord activity = new ActivityRecord(activityArn("work"), "work-" + run, 5);

    assertThat(store.putActivity(activity)).isTrue();
    assertThat(store.putActivity(new ActivityRecord(activity.activityArn(), "other", 6))).isFalse();
    assertThat(store.activity(activity.activityArn())).contains(activity);

    store.deleteActivity(activity.activityArn());
    store.deleteActivity(activity.activityArn());
    assertThat(store.activity(activity.activityArn())).isEmpty();
  }

  @Test
  void activityTasksAreListedOldestFirstAndClaimedOnlyOnce() {
    String arn = activityArn("queue");
    ActivityTaskRecord later = new ActivityTaskRecord(arn, "tok-b-" + run, executionArn("a2"), "x#task1", "{\"n\":2}", 200);
    ActivityTaskRecord first = new ActivityTaskRecord(arn, "tok-a-" + run, executionArn("a1"), "x#task1", "{\"n\":1}", 100);

    assertThat(store.putActivityTask(later)).isTrue();
    assertThat(store.putActivityTask(first)).isTrue();
    assertThat(store.putActivityTask(first)).isFalse();
    assertThat(store.activityTasks(arn)).containsExactly(first, later);

    assertThat(store.claimActivityTask(first)).isTrue();
    assertThat(store.claimActivityTask(first)).isFalse();
    assertThat(store.activityTasks(arn)).containsExactly(later);
    assertThat(store.activityTasks(activityArn("empty"))).isEmpty();
  }

  @Test
  void aDeletedStateMachineIsGoneAndDeletingItAgainIsNoError() {
    StateMachineRecord machine = new StateMachineRecord(machineArn + "-doomed", "doomed", "STANDARD", "{}", "arn:aws:iam::1:role/r", 1);
    store.putStateMachine(machine);
    assertThat(store.stateMachine(machine.stateMachineArn())).contains(machine);

    store.deleteStateMachine(machine.stateMachineArn());
    store.deleteStateMachine(machine.stateMachineArn());

    assertThat(store.stateMachine(machine.stateMachineArn())).isEmpty();
  }
}
