package dev.nestflow.core.intrinsics;

/**
 * Intrinsic function text that AWS rejects when the state machine is created: bad syntax, an
 * unknown function, an illegal escape in a string literal, too deep nesting or a wrong number of
 * arguments.
 */
public class IntrinsicSyntaxException extends RuntimeException {
  private final String text;

  public IntrinsicSyntaxException(String text, String reason) {
    super("Invalid intrinsic function call '" + text + "': " + reason, null, false, false);
    this.text = text;
  }

  /** The whole intrinsic text that was being parsed. */
  public String text() {
    return text;
  }
}
