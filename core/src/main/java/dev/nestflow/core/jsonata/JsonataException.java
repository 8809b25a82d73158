package dev.nestflow.core.jsonata;

/**
 * A JSONata expression could not be parsed or evaluated, or it produced something that is not
 * JSON. {@code code} is the JSONata error code ({@code T1006}, {@code S0201}...) when there is one.
 */
public final class JsonataException extends RuntimeException {
  /** What went wrong. */
  public enum Kind {
    SYNTAX,
    EVALUATION,
    UNSUPPORTED_RESULT
  }

  private final Kind kind;
  private final String code;

  public JsonataException(Kind kind, String code, String message) {
    super(message, null, false, false);
    this.kind = kind;
    this.code = code;
  }

  public Kind kind() {
    return kind;
  }

  /** The JSONata error code, or null. */
  public String code() {
    return code;
  }

  /** {@code "<code>: <message>"}, the form Step Functions quotes in its error causes. */
  public String describe() {
    return code == null ? getMessage() : code + ": " + getMessage();
  }
}
