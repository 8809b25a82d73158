package dev.nestflow.core.validation;

/**
 * One problem found in a definition, shaped like ValidateStateMachineDefinition's diagnostics:
 * {@code severity} ERROR or WARNING, {@code code} such as SCHEMA_VALIDATION_FAILED, a message, and
 * the JSON-pointer-like {@code location} (e.g. {@code /States/State0/Credentials}).
 */
public record Diagnostic(String severity, String code, String message, String location) {
  public static Diagnostic error(String code, String message, String location) {
    return new Diagnostic("ERROR", code, message, location);
  }

  /** A finding that does not make the definition invalid (ValidateStateMachineDefinition's WARNING). */
  public static Diagnostic warning(String code, String message, String location) {
    return new Diagnostic("WARNING", code, message, location);
  }
}
