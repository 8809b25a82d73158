package dev.nestflow.testing.templates;

/** A template nestflow cannot read or resolve: the message names the file, the place and the reason. */
public final class TemplateException extends RuntimeException {
  public TemplateException(String message) {
    super(message, null, false, false);
  }
}
