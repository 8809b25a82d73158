package dev.nestflow.infrastructure.runtime;

import dev.nestflow.core.interpreter.Execution;
import dev.nestflow.infrastructure.store.ExecutionRecord;
import java.time.Duration;

/**
 * Whether RedriveExecution may run an execution again, and if not why, in AWS's words: the same
 * texts are DescribeExecution's {@code redriveStatusReason} and RedriveExecution's
 * ExecutionNotRedrivable message. AWS allows a redrive of a Standard execution that ended FAILED,
 * TIMED_OUT or ABORTED at most 14 days ago, started less than a year ago, and whose history is not
 * full.
 */
public final class Redrivability {
  /** How long after it closed an execution may be redriven. */
  public static final Duration REDRIVABLE_PERIOD = Duration.ofDays(14);
  /** A Standard execution's longest life (AWS's max execution time): no redrive after it. */
  public static final Duration MAX_EXECUTION_TIME = Duration.ofDays(365);

  private Redrivability() {}

  /** Why the execution cannot be redriven at {@code nowMillis}, or null when it can. */
  public static String whyNot(ExecutionRecord rec, long nowMillis, boolean machineExists) {
    if (!machineExists) {
      return "State machine is in DELETING status";
    }
    if (rec.running() || "SUCCEEDED".equals(rec.status())) {
      return "Execution is " + rec.status() + " and cannot be redriven";
    }
    if (Execution.HISTORY_LIMIT_CAUSE.equals(rec.cause())) {
      return "Execution history event limit exceeded";
    }
    if (nowMillis - rec.startMillis() > MAX_EXECUTION_TIME.toMillis()) {
      return "Execution has exceeded the max execution time";
    }
    if (rec.stopMillis() != null && nowMillis - rec.stopMillis() > REDRIVABLE_PERIOD.toMillis()) {
      return "Execution redrivable period exceeded";
    }
    return null;
  }
}
