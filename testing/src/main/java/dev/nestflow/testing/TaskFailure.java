package dev.nestflow.testing;

/**
 * Thrown by a stub to fail its task with {@code error} and {@code cause}, as the service would: the
 * state's Retry and Catch see {@code error}. From a {@link LocalStepFunctions#function} stub it is
 * the function's error type (what AWS reports for an unhandled function error).
 */
public final class TaskFailure extends RuntimeException {
  private final String error;

  public TaskFailure(String error, String cause) {
    super(cause, null, false, false);
    this.error = error;
  }

  public String error() {
    return error;
  }

  public String cause() {
    return getMessage();
  }
}
