package dev.nestflow.core.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A Task state's invocation as its frame sees it: the timers that may time it out, and its answer.
 * A frame keeps its latest one after the task ends (a catcher reads whether it timed out).
 */
final class TaskWait {
  /** Timer keys of the task's TimeoutSeconds and HeartbeatSeconds (null when not set). */
  String timeoutKey;
  String heartbeatKey;
  Integer heartbeatSeconds;
  /** The task's timeout or heartbeat expired (the pending error is States.Timeout). */
  boolean timedOut;
  /** The expiry was a missed heartbeat: States.HeartbeatTimeout matches it as well as States.Timeout. */
  boolean heartbeatMissed;
  /**
   * The ActivityScheduled event of the awaited activity task, held back until the runtime accepts
   * the task (null when there is none to write).
   */
  ObjectNode unannouncedActivity;
  /** The task's TaskSubmitted was applied (a second one would be a redelivery, see {@link Execution#isNew}). */
  boolean submitted;
  /** An activity worker's start was applied. */
  boolean started;

  /** The answer: the task's result, or the error (and cause) to handle. */
  JsonNode result;
  String error;
  String cause;
}
