package dev.nestflow.core.interpreter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.json.Json;
import dev.nestflow.core.states.StateMachineParser;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Tasks that wait for an answer from outside: submitted calls, timeouts, heartbeats, activities. */
class TaskWaitingTest {
  private static final String CALLBACK = "arn:aws:states:::sqs:sendMessage.waitForTaskToken";
  private static final String ACTIVITY = "arn:aws:states:us-east-1:111111111111:activity:work";

  private static Execution start(String taskFields) {
    String definition = Runs.single("{\"Type\": \"Task\", " + taskFields + ", \"End\": true}");
    Execution ex = new Execution(StateMachineParser.parse(Json.parse(definition)), Runs.identity(),
        Json.parse("{}"), null, Environment.of(new Random(1)));
    return ex;
  }

  private static Effect.InvokeTask task(List<Effect> effects) {
    return effects.stream().filter(e -> e instanceof Effect.InvokeTask).map(e -> (Effect.InvokeTask) e).findFirst().orElseThrow();
  }

  private static List<String> types(Execution ex) {
    return Runs.types(ex.result());
  }

  private static Instant at(int seconds) {
    return Runs.START.plusSeconds(seconds);
  }

  @Test
  void submittedCallbackWritesTaskSubmittedAndKeepsWaiting() {
    Execution ex = start("\"Resource\": \"" + CALLBACK + "\"");
    Effect.InvokeTask t = task(ex.start(at(0)));
    assertThat(t.token()).isNotBlank();

    ex.deliver(new Signal.TaskSubmitted(t.key(), Json.parse("{\"MessageId\":\"m\"}")), at(1));
    assertThat(ex.isDone()).isFalse();
    ex.deliver(new Signal.TaskSucceeded(t.key(), Json.parse("{\"ok\":true}")), at(2));

    assertThat(types(ex)).containsExactly("ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted",
        "TaskSubmitted", "TaskSucceeded", "TaskStateExited", "ExecutionSucceeded");
    assertThat(ex.result().output()).isEqualTo(Json.parse("{\"ok\":true}"));
  }

  @Test
  void signalsAboutATaskAreAwaitedOnlyWhileThatTaskWaits() {
    Execution ex = start("\"Resource\": \"" + CALLBACK + "\"");
    Effect.InvokeTask t = task(ex.start(at(0)));
    assertThat(ex.awaits(new Signal.Heartbeat(t.key()))).isTrue();
    assertThat(ex.awaits(new Signal.TaskSucceeded("other-task", null))).isFalse();

    ex.deliver(new Signal.TaskSucceeded(t.key(), Json.parse("{}")), at(1));

    assertThat(ex.awaits(new Signal.TaskFailed(t.key(), "E", null))).isFalse();
    assertThat(ex.awaits(new Signal.TimerFired("any"))).as("timers are always recorded").isTrue();
    assertThat(ex.awaits(new Signal.Stop(null, null))).isTrue();
  }

  @Test
  void callbackPastTimeoutSecondsTimesOutWithStatesTimeoutAndNoCause() {
    Execution ex = start("\"Resource\": \"" + CALLBACK + "\", \"TimeoutSeconds\": 5");
    List<Effect> effects = ex.start(at(0));
    Effect.InvokeTask t = task(effects);
    Effect.ScheduleTimer timeout = effects.stream().filter(e -> e instanceof Effect.ScheduleTimer)
        .map(e -> (Effect.ScheduleTimer) e).findFirst().orElseThrow();
    assertThat(timeout.dueAt()).isEqualTo(at(5));

    ex.deliver(new Signal.TimerFired(timeout.key()), at(5));
    ex.deliver(new Signal.TaskSucceeded(t.key(), Json.parse("{}")), at(6));

    assertThat(ex.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(ex.result().error()).isEqualTo("States.Timeout");
    assertThat(ex.result().cause()).isNull();
    ObjectNode timedOut = Runs.events(ex.result(), "TaskTimedOut").get(0);
    assertThat(timedOut.get("taskTimedOutEventDetails").get("error").asText()).isEqualTo("States.Timeout");
    assertThat(timedOut.get("taskTimedOutEventDetails").has("cause")).isFalse();
  }

  @Test
  void answerBeforeTheTimeoutCancelsIt() {
    Execution ex = start("\"Resource\": \"" + CALLBACK + "\", \"TimeoutSeconds\": 5");
    List<Effect> effects = ex.start(at(0));
    Effect.InvokeTask t = task(effects);
    String timeoutKey = ((Effect.ScheduleTimer) effects.stream().filter(e -> e instanceof Effect.ScheduleTimer).findFirst().orElseThrow()).key();

    ex.deliver(new Signal.TaskSucceeded(t.key(), Json.parse("{}")), at(2));
    ex.deliver(new Signal.TimerFired(timeoutKey), at(5));

    assertThat(ex.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
  }

  @Test
  void heartbeatRestartsTheHeartbeatClockWithoutWritingAnEvent() {
    Execution ex = start("\"Resource\": \"" + CALLBACK + "\", \"HeartbeatSeconds\": 5");
    List<Effect> effects = ex.start(at(0));
    Effect.InvokeTask t = task(effects);
    String firstBeat = ((Effect.ScheduleTimer) effects.stream().filter(e -> e instanceof Effect.ScheduleTimer).findFirst().orElseThrow()).key();
    int events = ex.result().history().size();

    List<Effect> afterBeat = ex.deliver(new Signal.Heartbeat(t.key()), at(4));
    Effect.ScheduleTimer next = (Effect.ScheduleTimer) afterBeat.get(0);
    assertThat(next.dueAt()).isEqualTo(at(9));
    assertThat(ex.result().history()).hasSize(events);

    ex.deliver(new Signal.TimerFired(firstBeat), at(5));
    assertThat(ex.isDone()).as("the first heartbeat deadline was replaced").isFalse();
    ex.deliver(new Signal.TimerFired(next.key()), at(9));
    assertThat(ex.result().error()).isEqualTo("States.Timeout");
  }

  /** A two-state machine: the waiting task S with the given handlers, then the states Caught and Done. */
  private static Execution startWithHandlers(String taskFields) {
    String definition = "{\"StartAt\": \"S\", \"States\": {"
        + "\"S\": {\"Type\": \"Task\", \"Resource\": \"" + CALLBACK + "\", " + taskFields + ", \"End\": true},"
        + "\"Caught\": {\"Type\": \"Pass\", \"End\": true}}}";
    return new Execution(StateMachineParser.parse(Json.parse(definition)), Runs.identity(),
        Json.parse("{}"), null, Environment.of(new Random(1)));
  }

  /** Lets the first heartbeat deadline of the execution pass. */
  private static void missHeartbeat(Execution ex, List<Effect> effects, int atSecond) {
    String beat = effects.stream().filter(e -> e instanceof Effect.ScheduleTimer).map(e -> ((Effect.ScheduleTimer) e).key())
        .filter(k -> k.contains("heartbeat")).findFirst().orElseThrow();
    ex.deliver(new Signal.TimerFired(beat), at(atSecond));
  }

  @Test
  void missedHeartbeatIsCaughtByStatesHeartbeatTimeoutAndRecordedAsStatesTimeout() {
    for (String name : List.of("States.HeartbeatTimeout", "States.Timeout", "States.ALL")) {
      Execution ex = startWithHandlers("\"HeartbeatSeconds\": 5, "
          + "\"Catch\": [{\"ErrorEquals\": [\"" + name + "\"], \"Next\": \"Caught\"}]");
      missHeartbeat(ex, ex.start(at(0)), 5);

      assertThat(ex.status()).as(name).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(ex.result().output().get("Error").asText()).isEqualTo("States.Timeout");
      assertThat(Runs.event(ex.result(), "TaskTimedOut").get("taskTimedOutEventDetails").get("error").asText())
          .isEqualTo("States.Timeout");
    }
  }

  @Test
  void missedHeartbeatIsRetriedByStatesHeartbeatTimeout() {
    Execution ex = startWithHandlers("\"HeartbeatSeconds\": 5, "
        + "\"Retry\": [{\"ErrorEquals\": [\"States.HeartbeatTimeout\"], \"IntervalSeconds\": 1, \"MaxAttempts\": 1}]");
    missHeartbeat(ex, ex.start(at(0)), 5);

    assertThat(ex.isDone()).isFalse();
    assertThat(Runs.types(ex.result()).stream().filter("TaskScheduled"::equals)).hasSize(1);
  }

  @Test
  void missedHeartbeatIsNotMatchedByStatesTaskFailed() {
    Execution ex = startWithHandlers("\"HeartbeatSeconds\": 5, "
        + "\"Catch\": [{\"ErrorEquals\": [\"States.TaskFailed\"], \"Next\": \"Caught\"}]");
    missHeartbeat(ex, ex.start(at(0)), 5);

    assertThat(ex.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(ex.result().error()).isEqualTo("States.Timeout");
  }

  @Test
  void taskTimeoutIsNotMatchedByStatesHeartbeatTimeout() {
    Execution ex = startWithHandlers("\"TimeoutSeconds\": 5, \"HeartbeatSeconds\": 4, "
        + "\"Catch\": [{\"ErrorEquals\": [\"States.HeartbeatTimeout\"], \"Next\": \"Caught\"}]");
    List<Effect> effects = ex.start(at(0));
    Effect.InvokeTask t = task(effects);
    ex.deliver(new Signal.Heartbeat(t.key()), at(3));
    ex.deliver(new Signal.TimerFired(t.key() + "#timeout"), at(5));

    assertThat(ex.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(ex.result().error()).isEqualTo("States.Timeout");
  }

  @Test
  void activityWritesActivityEventsWithTheWorkerName() {
    Execution ex = start("\"Resource\": \"" + ACTIVITY + "\", \"TimeoutSeconds\": 30");
    Effect.InvokeTask t = task(ex.start(at(0)));
    ex.deliver(new Signal.TaskStarted(t.key(), "worker-1"), at(1));
    ex.deliver(new Signal.TaskSucceeded(t.key(), Json.parse("{\"done\":1}")), at(2));

    assertThat(types(ex)).containsExactly("ExecutionStarted", "TaskStateEntered", "ActivityScheduled", "ActivityStarted",
        "ActivitySucceeded", "TaskStateExited", "ExecutionSucceeded");
    ObjectNode scheduled = Runs.events(ex.result(), "ActivityScheduled").get(0);
    assertThat(scheduled.get("activityScheduledEventDetails").get("timeoutInSeconds").asInt()).isEqualTo(30);
    assertThat(Runs.events(ex.result(), "ActivityStarted").get(0).get("activityStartedEventDetails").get("workerName").asText())
        .isEqualTo("worker-1");
  }

  @Test
  void activityScheduledIsWrittenWhenTheRuntimeAcceptsTheTask() {
    Execution ex = start("\"Resource\": \"" + ACTIVITY + "\"");
    Effect.InvokeTask t = task(ex.start(at(0)));
    assertThat(types(ex)).containsExactly("ExecutionStarted", "TaskStateEntered");

    ex.deliver(new Signal.TaskSubmitted(t.key(), Json.object()), at(0));
    assertThat(types(ex)).containsExactly("ExecutionStarted", "TaskStateEntered", "ActivityScheduled");
    assertThat(Runs.event(ex.result(), "ActivityScheduled").get("previousEventId").asLong()).isEqualTo(2);
  }

  @Test
  void activityTheRuntimeRefusesFailsRightAfterItsStateEnteredWithARuntimeError() {
    Execution ex = start("\"Resource\": \"" + ACTIVITY + "\", \"Catch\": [{\"ErrorEquals\": [\"States.ALL\"], \"Next\": \"S\"}]");
    Effect.InvokeTask t = task(ex.start(at(0)));
    ex.deliver(new Signal.TaskFailed(t.key(), "States.Runtime", "The activity " + ACTIVITY + " does not exist."), at(0));

    assertThat(types(ex)).containsExactly("ExecutionStarted", "TaskStateEntered", "ExecutionFailed");
    assertThat(Runs.last(ex.result()).get("previousEventId").asLong()).isEqualTo(2);
    assertThat(ex.result().error()).isEqualTo("States.Runtime");
    assertThat(ex.result().cause()).isEqualTo(Runs.prefix("S", 2) + "The activity " + ACTIVITY + " does not exist.");
  }

  @Test
  void activityAnsweredBeforeItWasAcceptedStillWritesActivityScheduledFirst() {
    Execution ex = start("\"Resource\": \"" + ACTIVITY + "\", \"TimeoutSeconds\": 5");
    List<Effect> effects = ex.start(at(0));
    Effect.ScheduleTimer timeout = effects.stream().filter(e -> e instanceof Effect.ScheduleTimer)
        .map(e -> (Effect.ScheduleTimer) e).findFirst().orElseThrow();
    ex.deliver(new Signal.TimerFired(timeout.key()), at(5));

    assertThat(types(ex)).containsExactly("ExecutionStarted", "TaskStateEntered", "ActivityScheduled", "ActivityTimedOut",
        "ExecutionFailed");
  }

  @Test
  void signalsSurviveTheirJsonEncoding() {
    for (Signal s : List.of(new Signal.TaskSubmitted("k", Json.parse("{\"a\":1}")), new Signal.TaskStarted("k", "w"),
        new Signal.Heartbeat("k"), new Signal.TimerFired("t"), new Signal.TaskFailed("k", "E", null), new Signal.Stop(null, "c"))) {
      assertThat(SignalCodec.decode(Json.parse(Json.write(SignalCodec.encode(s))))).isEqualTo(s);
    }
  }

  @Test
  void stoppingTheExecutionCancelsTheTaskItWaitsOn() {
    Execution ex = start("\"Resource\": \"arn:aws:states:::states:startExecution.sync\", \"Parameters\": {\"StateMachineArn\": \"arn:sm\"}");
    Effect.InvokeTask t = task(ex.start(at(0)));

    List<Effect> effects = ex.deliver(new Signal.Stop("E", "c"), at(1));

    assertThat(effects).anySatisfy(e -> assertThat(e).isEqualTo(new Effect.CancelTask(t.key(), t.resource(), t.input())));
    assertThat(ex.status()).isEqualTo(ExecutionStatus.ABORTED);
  }
}
