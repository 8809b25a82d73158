package dev.nestflow.core.jsonata;

/**
 * A state field's JSONata could not give a usable value. The message is Step Functions' own text
 * ("The JSONata expression '...' specified for the field '...' returned nothing (undefined).");
 * {@code location} is the field path ({@code Output/result}), or null when the failure is not tied
 * to one field.
 */
public final class FieldEvaluationException extends RuntimeException {
  private final String location;

  public FieldEvaluationException(String location, String message) {
    super(message, null, false, false);
    this.location = location;
  }

  public String location() {
    return location;
  }
}
