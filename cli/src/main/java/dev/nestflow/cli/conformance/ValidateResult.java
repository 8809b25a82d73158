package dev.nestflow.cli.conformance;

import dev.nestflow.core.validation.Diagnostic;
import java.util.List;

/** Answer of ValidateStateMachineDefinition: {@code result} is "OK" or "FAIL". */
public record ValidateResult(String result, List<Diagnostic> diagnostics) {
  public ValidateResult {
    diagnostics = List.copyOf(diagnostics);
  }
}
