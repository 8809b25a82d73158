package dev.nestflow.infrastructure.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nestflow.core.interpreter.Effect;
import dev.nestflow.core.interpreter.Signal;
import dev.nestflow.core.interpreter.TaskResource;
import dev.nestflow.core.json.Json;
import dev.nestflow.infrastructure.store.ActivityRecord;
import dev.nestflow.infrastructure.store.ActivityTaskRecord;
import dev.nestflow.infrastructure.store.ExecutionRecord;
import dev.nestflow.infrastructure.store.ExecutionStore;
import dev.nestflow.infrastructure.store.TokenRecord;
import dev.nestflow.infrastructure.tasks.TaskOutcome;
import java.time.Duration;
import java.util.Optional;

/**
 * Activities: tasks that outside workers take with GetActivityTask and answer with
 * SendTaskSuccess/Failure/Heartbeat (the runtime's own {@code sendTask*} calls, since an activity
 * task's token is an ordinary task token).
 *
 * <p>When an execution reaches a Task whose Resource is an activity ARN, the runtime
 * {@linkplain #schedule schedules} an activity task: the token and the task's input are queued for
 * the activity, and the execution is told the task was accepted (ActivityScheduled); the task then
 * waits for a worker. A
 * worker's {@link #getActivityTask} takes the oldest queued task whose execution still waits for it
 * and writes ActivityStarted (with the worker's name). TimeoutSeconds and HeartbeatSeconds run from
 * the scheduling, as the interpreter keeps them. A Task naming an activity that does not exist fails
 * with {@code States.Runtime} right after its StateEntered event (no ActivityScheduled).
 */
public final class Activities {
  /** What GetActivityTask returns to a worker: the task token and the task's input as JSON text. */
  public record ActivityTask(String taskToken, String input) {}

  /** The response of an accepted activity task (only its presence matters). */
  private static final JsonNode ACCEPTED = Json.object();

  private static final String NAME_FORBIDDEN = " <>{}[]?*\"#%\\^|~`$&,;:/";

  private final ExecutionCommands commands;
  private final ExecutionStore store;
  private final TaskTokens tokens;

  Activities(ExecutionCommands commands, ExecutionStore store, TaskTokens tokens) {
    this.commands = commands;
    this.store = store;
    this.tokens = tokens;
  }

  static boolean handles(String resource) {
    return TaskResource.parse(resource).kind() == TaskResource.Kind.ACTIVITY;
  }

  /**
   * CreateActivity for an ARN the caller formed ({@code arn:<partition>:states:<region>:<account>:activity:<name>}):
   * creates it, or returns the existing activity of that ARN (CreateActivity is idempotent).
   * Throws {@link ApiException} {@code InvalidArn} or {@code InvalidName} for a malformed ARN or name.
   */
  public ActivityRecord createActivity(String activityArn) {
    String name = nameOf(activityArn);
    ActivityRecord record = new ActivityRecord(activityArn, name, commands.clock().millis());
    if (store.putActivity(record)) {
      return record;
    }
    return store.activity(activityArn).orElse(record);
  }

  /** DescribeActivity: the activity, or empty when it does not exist. */
  public Optional<ActivityRecord> describeActivity(String activityArn) {
    return store.activity(activityArn);
  }

  /**
   * DeleteActivity: the activity no longer exists (tasks that name it fail from now on); a task
   * already scheduled stays waiting until it is answered or times out. Deleting an activity that
   * does not exist does nothing.
   */
  public void deleteActivity(String activityArn) {
    nameOf(activityArn);
    store.deleteActivity(activityArn);
  }

  /**
   * GetActivityTask without long polling: hands the oldest queued task of the activity whose
   * execution still waits for it to this worker, writing ActivityStarted (with {@code workerName},
   * which may be null) to that execution. Empty when no task is waiting (AWS answers such a poll
   * with an empty token after up to 60 seconds; a caller that long-polls asks again).
   * Throws {@link ApiException} {@code ActivityDoesNotExist} for an unknown activity.
   */
  public Optional<ActivityTask> getActivityTask(String activityArn, String workerName) {
    if (store.activity(activityArn).isEmpty()) {
      throw new ApiException("ActivityDoesNotExist", "Activity Does Not Exist: '" + activityArn + "'");
    }
    for (ActivityTaskRecord task : store.activityTasks(activityArn)) {
      if (!store.claimActivityTask(task)) {
        continue; // another worker took it
      }
      if (!commands.isWaitingOn(task.executionArn(), task.taskKey(), task.scheduledMillis())) {
        continue; // timed out, stopped or answered before any worker took it, or an earlier execution's of that name
      }
      commands.send(new TransitionMessage(task.executionArn(), SignalId.activityStarted(task.taskKey()).text(),
          new Signal.TaskStarted(task.taskKey(), workerName), null), Duration.ZERO);
      return Optional.of(new ActivityTask(task.token(), task.inputText()));
    }
    return Optional.empty();
  }

  /**
   * Schedules the activity task the interpreter asked for: queues it for workers (idempotently: a
   * redelivered step queues the same token once) and answers that the task is accepted (a pending
   * outcome with a response, which the interpreter turns into ActivityScheduled). An activity that
   * does not exist refuses the task with {@code States.Runtime} and the cause AWS gives; the
   * interpreter fails the state with it, prefixed with where the state was entered.
   */
  TaskOutcome schedule(ExecutionRecord rec, Effect.InvokeTask task) {
    if (store.activity(task.resource()).isEmpty()) {
      return new TaskOutcome.Failed("States.Runtime", "The activity " + task.resource() + " does not exist.");
    }
    String token = tokens.mint(rec, task.key());
    long now = commands.clock().millis();
    store.putToken(new TokenRecord(token, rec.executionArn(), task.key(), now));
    store.putActivityTask(new ActivityTaskRecord(task.resource(), token, rec.executionArn(), task.key(),
        Json.write(task.input()), now));
    return new TaskOutcome.Pending(ACCEPTED);
  }

  private static String nameOf(String activityArn) {
    String[] parts = activityArn == null ? new String[0] : activityArn.split(":", 7);
    if (parts.length != 7 || !"arn".equals(parts[0]) || !"states".equals(parts[2]) || !"activity".equals(parts[5])) {
      throw new ApiException("InvalidArn", "Invalid Arn: 'Resource type not valid in this context: " + activityArn + "'");
    }
    String name = parts[6];
    boolean ok = !name.isEmpty() && name.length() <= 80;
    for (int i = 0; ok && i < name.length(); i++) {
      char c = name.charAt(i);
      ok = !Character.isWhitespace(c) && NAME_FORBIDDEN.indexOf(c) < 0 && c > 0x1F && !(c >= 0x7F && c <= 0x9F);
    }
    if (!ok) {
      throw new ApiException("InvalidName", "Invalid Name: '" + name + "'");
    }
    return name;
  }
}
