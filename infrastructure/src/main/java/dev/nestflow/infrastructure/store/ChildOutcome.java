package dev.nestflow.infrastructure.store;

/**
 * How one child of a map run ended, as the map run keeps it: status (SUCCEEDED, FAILED, TIMED_OUT
 * or ABORTED), output as JSON text (succeeded only), error and cause, and when it ran.
 */
public record ChildOutcome(String status, String outputText, String error, String cause, long startMillis, long stopMillis) {
  public boolean succeeded() {
    return "SUCCEEDED".equals(status);
  }
}
