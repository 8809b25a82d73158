package dev.nestflow.core.interpreter;

import com.fasterxml.jackson.databind.JsonNode;

/** What the outside world tells a waiting execution. */
public sealed interface Signal {

  /**
   * A signal about the task awaited under {@code key}: the execution reacts to it only while that
   * task waits (see {@link Execution#awaits}).
   */
  sealed interface TaskSignal extends Signal {
    String key();
  }

  /** The task's answer: the wait ends and the state handles the result or the error. */
  sealed interface TaskAnswer extends TaskSignal {}

  record TimerFired(String key) implements Signal {}

  record TaskSucceeded(String key, JsonNode output) implements TaskAnswer {}

  record TaskFailed(String key, String error, String cause) implements TaskAnswer {}

  /**
   * The task was handed over and now waits for its answer (a callback or a child execution):
   * {@code output} is what the call returned (TaskSubmitted in the history). For an activity task it
   * says the activity exists and the task is queued for workers (ActivityScheduled in the history;
   * {@code output} is not used).
   */
  record TaskSubmitted(String key, JsonNode output) implements TaskSignal {}

  /** An activity worker took the task (ActivityStarted in the history). */
  record TaskStarted(String key, String workerName) implements TaskSignal {}

  /** SendTaskHeartbeat: restarts the task's HeartbeatSeconds clock; writes no event. */
  record Heartbeat(String key) implements TaskSignal {}

  /** StopExecution: ends the execution as ABORTED. */
  record Stop(String error, String cause) implements Signal {}

  /**
   * RedriveExecution: a FAILED, TIMED_OUT or ABORTED execution runs again from the states that did
   * not succeed (ExecutionRedriven in the history). {@code clientToken} is the request's idempotency
   * token, kept in the log so a retried request is recognised; the interpreter does not read it.
   */
  record Redrive(String clientToken) implements Signal {}
}
