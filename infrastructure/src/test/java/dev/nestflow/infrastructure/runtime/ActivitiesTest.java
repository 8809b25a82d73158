package dev.nestflow.infrastructure.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nestflow.core.interpreter.ExecutionResult;
import dev.nestflow.core.json.Json;
import dev.nestflow.infrastructure.embedded.EmbeddedRuntime;
import dev.nestflow.infrastructure.store.StateMachineRecord;
import dev.nestflow.infrastructure.tasks.TaskInvoker;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ActivitiesTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final String MACHINES = "arn:aws:states:us-east-1:123456789012:stateMachine:";
  private static final String ACTIVITY = "arn:aws:states:us-east-1:123456789012:activity:work";

  private final EmbeddedRuntime cluster = new EmbeddedRuntime(T0, TaskInvoker.none());
  private final Activities activities = cluster.runtime().commands().activities();

  private String start(String taskFields) {
    String arn = MACHINES + "Worker";
    cluster.store().putStateMachine(new StateMachineRecord(arn, "Worker", "STANDARD",
        "{\"StartAt\":\"Work\",\"States\":{\"Work\":{\"Type\":\"Task\",\"Resource\":\"" + ACTIVITY + "\"" + taskFields
            + ",\"End\":true}}}", "arn:aws:iam::123456789012:role/r", 0));
    String execution = cluster.runtime().commands().startExecution(arn, "e-1", "{\"job\":7}").executionArn();
    cluster.runUntilIdle(T0);
    return execution;
  }

  private ExecutionResult result(String arn) {
    return cluster.runtime().commands().describe(arn).orElseThrow();
  }

  @Test
  void workerTakesTheTaskWithItsInputAndItsAnswerEndsTheTask() {
    activities.createActivity(ACTIVITY);
    String arn = start("");

    Activities.ActivityTask task = activities.getActivityTask(ACTIVITY, "worker-1").orElseThrow();
    assertThat(Json.parse(task.input())).isEqualTo(Json.parse("{\"job\":7}"));
    assertThat(activities.getActivityTask(ACTIVITY, "worker-2")).isEmpty();
    cluster.runtime().commands().sendTaskSuccess(task.taskToken(), "{\"done\":true}");
    cluster.runUntilIdle(T0.plusSeconds(1));

    ExecutionResult r = result(arn);
    assertThat(r.status()).isEqualTo("SUCCEEDED");
    assertThat(r.output()).isEqualTo(Json.parse("{\"done\":true}"));
    assertThat(Runs.types(r)).containsExactly("ExecutionStarted", "TaskStateEntered", "ActivityScheduled", "ActivityStarted",
        "ActivitySucceeded", "TaskStateExited", "ExecutionSucceeded");
    assertThat(r.history().get(3).path("activityStartedEventDetails").path("workerName").asText()).isEqualTo("worker-1");
  }

  @Test
  void taskNobodyTakesTimesOutAndIsNotHandedOutAfterwards() {
    activities.createActivity(ACTIVITY);
    String arn = start(",\"TimeoutSeconds\":5");
    cluster.runUntilIdle(T0.plusSeconds(10));

    assertThat(result(arn).error()).isEqualTo("States.Timeout");
    assertThat(activities.getActivityTask(ACTIVITY, null)).isEmpty();
  }

  @Test
  void taskOnAnActivityThatDoesNotExistFailsWithStatesRuntime() {
    activities.createActivity(ACTIVITY);
    activities.deleteActivity(ACTIVITY);
    String arn = start("");

    ExecutionResult r = result(arn);
    assertThat(r.error()).isEqualTo("States.Runtime");
    assertThat(r.cause()).isEqualTo("An error occurred while executing the state 'Work' (entered at the event id #2). "
        + "The activity " + ACTIVITY + " does not exist.");
    // the execution fails right after the Task state is entered: nothing was scheduled
    assertThat(Runs.types(r)).containsExactly("ExecutionStarted", "TaskStateEntered", "ExecutionFailed");
  }

  @Test
  void createIsIdempotentAndPollingAnUnknownActivityIsRefused() {
    assertThat(activities.createActivity(ACTIVITY)).isEqualTo(activities.createActivity(ACTIVITY));
    assertThat(activities.describeActivity(ACTIVITY)).map(a -> a.name()).isEqualTo(Optional.of("work"));
    assertThatThrownBy(() -> activities.getActivityTask(ACTIVITY + "-nope", "w"))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("ActivityDoesNotExist"));
    assertThatThrownBy(() -> activities.createActivity("arn:aws:states:us-east-1:123456789012:activity:bad name"))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("InvalidName"));
  }
}
