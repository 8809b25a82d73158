package dev.nestflow.functions.telemetry;

import java.util.Locale;

/**
 * A state machine's {@code loggingConfiguration.level}, as Step Functions applies it: ALL logs
 * every step, ERROR only steps with an error event (a failure, time-out or abort of a task, a
 * state or the execution), FATAL only the steps that fail, abort or time out the execution, OFF
 * none (the default of a state machine created without a logging configuration).
 */
public enum LogLevel {
  ALL,
  ERROR,
  FATAL,
  OFF;

  public static LogLevel of(String text) {
    if (text == null) {
      return OFF;
    }
    try {
      return valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException unknown) {
      return OFF;
    }
  }

  /** Whether a record of {@code severity} (INFO, ERROR or FATAL) is written at this level. */
  public boolean admits(String severity) {
    return switch (this) {
      case ALL -> true;
      case ERROR -> severity.equals("ERROR") || severity.equals("FATAL");
      case FATAL -> severity.equals("FATAL");
      case OFF -> false;
    };
  }

  /** The severity of an event type: FATAL for the execution's failure, ERROR for any other failure. */
  public static String severity(String eventType) {
    if (eventType.equals("ExecutionFailed") || eventType.equals("ExecutionAborted") || eventType.equals("ExecutionTimedOut")) {
      return "FATAL";
    }
    if (eventType.endsWith("Failed") || eventType.endsWith("TimedOut") || eventType.endsWith("Aborted")) {
      return "ERROR";
    }
    return "INFO";
  }
}
