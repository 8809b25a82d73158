package dev.nestflow.core.interpreter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nestflow.core.json.Json;
import dev.nestflow.core.states.StateMachineParser;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** RedriveExecution in the interpreter: what runs again, what does not, and what the history says. */
class RedriveTest {
  private static final String TASK = "arn:aws:states:::lambda:invoke";

  private static Execution execution(String definition, String input) {
    return new Execution(StateMachineParser.parse(Json.parse(definition)), Runs.identity(), Json.parse(input), null,
        Environment.of(new Random(1)));
  }

  private static List<Effect.InvokeTask> tasks(List<Effect> effects) {
    List<Effect.InvokeTask> out = new ArrayList<>();
    effects.forEach(e -> {
      if (e instanceof Effect.InvokeTask t) {
        out.add(t);
      }
    });
    return out;
  }

  private static Instant at(int seconds) {
    return Runs.START.plusSeconds(seconds);
  }

  private static JsonNode json(String text) {
    return Json.parse(text);
  }

  @Test
  void aFailedTaskRunsAgainAfterThePassStateBeforeItWithItsRetryCountersReset() {
    Execution ex = execution("""
        {"StartAt":"Before","States":{
          "Before":{"Type":"Pass","Result":{"n":1},"Next":"Work"},
          "Work":{"Type":"Task","Resource":"%s","Retry":[{"ErrorEquals":["Boom"],"MaxAttempts":1,"IntervalSeconds":0}],"End":true}}}
        """.formatted(TASK), "{}");
    Effect.InvokeTask first = tasks(ex.start(at(0))).get(0);
    Effect.InvokeTask retry = tasks(ex.deliver(new Signal.TaskFailed(first.key(), "Boom", "1"), at(1))).get(0);
    ex.deliver(new Signal.TaskFailed(retry.key(), "Boom", "2"), at(2));
    assertThat(ex.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(ex.redrivable()).isTrue();

    List<Effect.InvokeTask> again = tasks(ex.deliver(new Signal.Redrive(null), at(3)));
    assertThat(again).hasSize(1);
    assertThat(again.get(0).input()).isEqualTo(first.input());
    assertThat(again.get(0).key()).isNotIn(first.key(), retry.key());
    // the Retry counters start again at 0: one more retry is allowed after the redrive
    Effect.InvokeTask retried = tasks(ex.deliver(new Signal.TaskFailed(again.get(0).key(), "Boom", "3"), at(4))).get(0);
    ex.deliver(new Signal.TaskSucceeded(retried.key(), json("{\"ok\":1}")), at(5));

    assertThat(ex.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(ex.redriveCount()).isEqualTo(1);
    List<String> types = Runs.types(ex.result());
    assertThat(types).containsSubsequence("PassStateExited", "ExecutionFailed", "ExecutionRedriven", "TaskScheduled",
        "TaskFailed", "TaskScheduled", "TaskSucceeded", "TaskStateExited", "ExecutionSucceeded");
    // the Pass state before the failure is not run again
    assertThat(types.stream().filter("PassStateEntered"::equals)).hasSize(1);
    var redriven = ex.result().history().stream().filter(e -> "ExecutionRedriven".equals(e.path("type").asText()))
        .findFirst().orElseThrow();
    assertThat(redriven.path("executionRedrivenEventDetails").path("redriveCount").asInt()).isEqualTo(1);
  }

  @Test
  void aParallelRunsAgainOnlyTheBranchThatFailed() {
    Execution ex = execution("""
        {"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":[
          {"StartAt":"A","States":{"A":{"Type":"Task","Resource":"%1$s","End":true}}},
          {"StartAt":"B","States":{"B":{"Type":"Task","Resource":"%1$s","End":true}}}]}}}
        """.formatted(TASK), "{}");
    List<Effect.InvokeTask> started = tasks(ex.start(at(0)));
    ex.deliver(new Signal.TaskSucceeded(started.get(0).key(), json("\"a\"")), at(1));
    ex.deliver(new Signal.TaskFailed(started.get(1).key(), "Boom", null), at(2));
    assertThat(ex.status()).isEqualTo(ExecutionStatus.FAILED);

    List<Effect.InvokeTask> again = tasks(ex.deliver(new Signal.Redrive("t"), at(3)));
    assertThat(again).extracting(Effect.InvokeTask::stateName).containsExactly("B");
    ex.deliver(new Signal.TaskSucceeded(again.get(0).key(), json("\"b\"")), at(4));

    assertThat(ex.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(ex.result().output()).isEqualTo(json("[\"a\",\"b\"]"));
  }

  @Test
  void anInlineMapRunsAgainOnlyItsUnsuccessfulIterations() {
    Execution ex = execution("""
        {"StartAt":"M","States":{"M":{"Type":"Map","End":true,"ItemProcessor":{
          "ProcessorConfig":{"Mode":"INLINE"},
          "StartAt":"T","States":{"T":{"Type":"Task","Resource":"%s","End":true}}}}}}
        """.formatted(TASK), "[1,2,3]");
    List<Effect.InvokeTask> started = tasks(ex.start(at(0)));
    assertThat(started).hasSize(3);
    ex.deliver(new Signal.TaskSucceeded(started.get(0).key(), json("10")), at(1));
    // the second fails the Map, which aborts the third
    ex.deliver(new Signal.TaskFailed(started.get(1).key(), "Boom", null), at(2));
    assertThat(ex.status()).isEqualTo(ExecutionStatus.FAILED);

    List<Effect.InvokeTask> again = tasks(ex.deliver(new Signal.Redrive(null), at(3)));
    assertThat(again).extracting(t -> t.input()).containsExactly(json("2"), json("3"));
    ex.deliver(new Signal.TaskSucceeded(again.get(0).key(), json("20")), at(4));
    ex.deliver(new Signal.TaskSucceeded(again.get(1).key(), json("30")), at(5));

    assertThat(ex.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(ex.result().output()).isEqualTo(json("[10,20,30]"));
  }

  @Test
  void aMapWhoseItemSelectorFailedOnAnItemStartsThatItemOnRedrive() {
    Execution ex = execution("""
        {"StartAt":"M","States":{"M":{"Type":"Map","End":true,
          "ItemSelector":{"v.$":"$$.Map.Item.Value.v"},
          "ItemProcessor":{"ProcessorConfig":{"Mode":"INLINE"},
          "StartAt":"T","States":{"T":{"Type":"Task","Resource":"%s","End":true}}}}}}
        """.formatted(TASK), "[{\"v\":1},{\"w\":2}]");
    List<Effect.InvokeTask> started = tasks(ex.start(at(0)));
    assertThat(ex.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(started).isEmpty();
    // still failing the same way: the redrive reaches the item again and fails again, it does not hang
    List<Effect> effects = ex.deliver(new Signal.Redrive(null), at(1));
    assertThat(ex.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(ex.redriveCount()).isEqualTo(1);
    // the first item's task, started by the redrive, is cancelled with the Map
    List<Effect.InvokeTask> invoked = tasks(effects);
    assertThat(invoked).hasSize(1);
    assertThat(effects).anyMatch(e -> e instanceof Effect.CancelTask c && c.key().equals(invoked.get(0).key()));
  }

  @Test
  void anAbortedExecutionRunsAgainTheTaskItWasWaitingOn() {
    Execution ex = execution("""
        {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"%s","End":true}}}
        """.formatted(TASK), "{\"x\":1}");
    Effect.InvokeTask first = tasks(ex.start(at(0))).get(0);
    ex.deliver(new Signal.Stop("Stopped", null), at(1));
    assertThat(ex.status()).isEqualTo(ExecutionStatus.ABORTED);

    Effect.InvokeTask again = tasks(ex.deliver(new Signal.Redrive(null), at(2))).get(0);
    // the first attempt's late answer changes nothing
    ex.deliver(new Signal.TaskSucceeded(first.key(), json("\"late\"")), at(3));
    assertThat(ex.status()).isEqualTo(ExecutionStatus.RUNNING);
    ex.deliver(new Signal.TaskSucceeded(again.key(), json("\"done\"")), at(4));
    assertThat(ex.result().output()).isEqualTo(json("\"done\""));
  }

  @Test
  void theExecutionTimeoutStartsAgainAndTheOldTimerChangesNothing() {
    Execution ex = execution("""
        {"TimeoutSeconds":10,"StartAt":"T","States":{"T":{"Type":"Task","Resource":"%s","End":true}}}
        """.formatted(TASK), "{}");
    ex.start(at(0));
    ex.deliver(new Signal.TimerFired("execution#timeout"), at(10));
    assertThat(ex.status()).isEqualTo(ExecutionStatus.TIMED_OUT);

    List<Effect> effects = ex.deliver(new Signal.Redrive(null), at(100));
    Effect.ScheduleTimer timer = effects.stream().filter(e -> e instanceof Effect.ScheduleTimer)
        .map(e -> (Effect.ScheduleTimer) e).findFirst().orElseThrow();
    assertThat(timer.dueAt()).isEqualTo(at(110));
    ex.deliver(new Signal.TimerFired("execution#timeout"), at(101));
    assertThat(ex.status()).isEqualTo(ExecutionStatus.RUNNING);
    ex.deliver(new Signal.TimerFired(timer.key()), at(110));
    assertThat(ex.status()).isEqualTo(ExecutionStatus.TIMED_OUT);
    assertThat(ex.redrivable()).isTrue();
  }

  @Test
  void aRedriveOfARunningOrSucceededExecutionChangesNothing() {
    Execution ex = execution("""
        {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"%s","End":true}}}
        """.formatted(TASK), "{}");
    Effect.InvokeTask t = tasks(ex.start(at(0))).get(0);
    assertThat(ex.deliver(new Signal.Redrive(null), at(1))).isEmpty();
    ex.deliver(new Signal.TaskSucceeded(t.key(), json("1")), at(2));
    int events = ex.result().history().size();
    assertThat(ex.redrivable()).isFalse();
    assertThat(ex.deliver(new Signal.Redrive(null), at(3))).isEmpty();
    assertThat(ex.result().history()).hasSize(events);
    assertThat(ex.redriveCount()).isZero();
  }

  @Test
  void theContextObjectCountsRedrives() {
    Execution ex = execution("""
        {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"%s","Parameters":{"count.$":"$$.Execution.RedriveCount"},"End":true}}}
        """.formatted(TASK), "{}");
    Effect.InvokeTask first = tasks(ex.start(at(0))).get(0);
    assertThat(first.input().path("count").asInt()).isZero();
    ex.deliver(new Signal.TaskFailed(first.key(), "Boom", null), at(1));
    Effect.InvokeTask again = tasks(ex.deliver(new Signal.Redrive(null), at(2))).get(0);
    assertThat(again.input().path("count").asInt()).isEqualTo(1);
  }

  @Test
  void theRedriveSignalSurvivesTheCodec() {
    assertThat(SignalCodec.decode(SignalCodec.encode(new Signal.Redrive("tok")))).isEqualTo(new Signal.Redrive("tok"));
    assertThat(SignalCodec.decode(SignalCodec.encode(new Signal.Redrive(null)))).isEqualTo(new Signal.Redrive(null));
  }
}
