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

  static boolean matches(List<String> errorEquals, String error) {
    return !isTerminal(error) && matchesName(errorEquals, error);
  }

  /** Whether {@code errorEquals} names {@code error}, terminal or not. */
  static boolean matchesName(List<String> errorEquals, String error) {
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
