package dev.nestflow.infrastructure.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

  /** The store under test; may share its storage with earlier tests of the class. */
  protected abstract ExecutionStore newStore();

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
