package dev.nestflow.core.validation;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The message CreateStateMachine/UpdateStateMachine return with InvalidDefinition. AWS lists every
 * error diagnostic as {@code CODE: message at location}, joined by {@code ", "}, inside
 * {@code Invalid State Machine Definition: '...'}; a diagnostic without location shows
 * {@code at null} (as AWS does for MISSING_END_STATE).
 */
public final class InvalidDefinitionMessage {
  private InvalidDefinitionMessage() {}

  public static String format(List<Diagnostic> diagnostics) {
    String body =
        diagnostics.stream()
            .filter(d -> DefinitionValidator.ERROR.equals(d.severity()))
            .map(d -> d.code() + ": " + d.message() + " at " + d.location())
            .collect(Collectors.joining(", "));
    return "Invalid State Machine Definition: '" + body + "'";
  }
}
