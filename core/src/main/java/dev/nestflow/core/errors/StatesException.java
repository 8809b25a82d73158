package dev.nestflow.core.errors;

/**
 * An ASL runtime error: a named error (e.g. {@code States.Runtime}) with an optional cause text.
 * Raised by evaluation code and turned by the interpreter into Retry/Catch handling and history events.
 */
public class StatesException extends RuntimeException {
  private final String error;
  private final String cause;

  public StatesException(String error, String cause) {
    super(error + (cause == null ? "" : ": " + cause), null, false, false);
    this.error = error;
    this.cause = cause;
  }

  /** The error name, e.g. {@code States.IntrinsicFailure}; may be null (a Fail state without Error). */
  public String error() {
    return error;
  }

  /** The cause text; may be null. */
  public String cause() {
    return cause;
  }
}
