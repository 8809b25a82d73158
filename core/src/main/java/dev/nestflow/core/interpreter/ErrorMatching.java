package dev.nestflow.core.interpreter;

import dev.nestflow.core.errors.ErrorNames;
import java.util.List;

/** The ASL rules for whether a Retry or Catch {@code ErrorEquals} list matches an error name. */
final class ErrorMatching {
  private ErrorMatching() {}

  /** Errors that end the execution whatever the state's Retry and Catch say. */
  static boolean isTerminal(String error) {
    return ErrorNames.RUNTIME.equals(error) || ErrorNames.DATA_LIMIT_EXCEEDED.equals(error);
  }

  /**
   * Whether the list names the error (directly, or through States.ALL / States.TaskFailed). Callers
   * decide first whether the error is {@link #isTerminal terminal} where it was raised.
   */
  static boolean matches(List<String> errorEquals, String error) {
    return matches(errorEquals, error, false);
  }

  /**
   * As {@link #matches(List, String)} for an error raised by a task; {@code heartbeatMissed} says the
   * task's States.Timeout came from a missed heartbeat, which States.HeartbeatTimeout matches too
   * (history records it as States.Timeout, as AWS does).
   */
  static boolean matches(List<String> errorEquals, String error, boolean heartbeatMissed) {
    if (heartbeatMissed && ErrorNames.TIMEOUT.equals(error) && errorEquals.contains(ErrorNames.HEARTBEAT_TIMEOUT)) {
      return true;
    }
    for (String candidate : errorEquals) {
      if (ErrorNames.ALL.equals(candidate)) {
        return true;
      }
      if (ErrorNames.TASK_FAILED.equals(candidate) && !ErrorNames.TIMEOUT.equals(error)) {
        return true;
      }
      if (candidate.equals(error)) {
        return true;
      }
      if (ErrorNames.TIMEOUT.equals(candidate) && ErrorNames.HEARTBEAT_TIMEOUT.equals(error)) {
        return true;
      }
    }
    return false;
  }
}
