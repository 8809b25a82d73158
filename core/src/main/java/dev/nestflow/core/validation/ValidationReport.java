package dev.nestflow.core.validation;

import java.util.List;

/**
 * What ValidateStateMachineDefinition answers: {@code result} OK or FAIL, the diagnostics that pass
 * the severity filter (at most maxResults of them), and whether more were found than returned.
 */
public record ValidationReport(String result, List<Diagnostic> diagnostics, boolean truncated) {
  public static final String OK = "OK";
  public static final String FAIL = "FAIL";

  public ValidationReport {
    diagnostics = List.copyOf(diagnostics);
  }
}
