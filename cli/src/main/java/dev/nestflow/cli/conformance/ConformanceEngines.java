package dev.nestflow.cli.conformance;

import dev.nestflow.core.interpreter.ExecutionResult;
import dev.nestflow.core.validation.Diagnostic;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Where the conformance runner gets its engine. */
public final class ConformanceEngines {
  private ConformanceEngines() {}

  /** The engine the {@code conformance} command and the baseline test use: the interpreter. */
  public static ConformanceEngine defaultEngine() {
    return new InterpreterEngine();
  }

  /** The queue/store runtime in embedded mode ({@code conformance --runtime queue}). */
  public static ConformanceEngine queueRuntime() {
    return new QueueRuntimeEngine();
  }

  /** An engine that supports nothing and refuses every call: a placeholder, not an engine. */
  public static ConformanceEngine unavailable() {
    return new Unavailable();
  }

  private static final class Unavailable implements ConformanceEngine {
    private static final String WHY = "no engine wired into ConformanceEngines.defaultEngine()";

    @Override
    public Set<String> capabilities() {
      return Set.of();
    }

    @Override
    public ExecutionResult execute(CaseExecution execution) {
      throw new UnsupportedOperationException(WHY);
    }

    @Override
    public List<Diagnostic> validate(String definitionText, String type) {
      throw new UnsupportedOperationException(WHY);
    }

    @Override
    public String invalidDefinitionMessage(List<Diagnostic> diagnostics) {
      throw new UnsupportedOperationException(WHY);
    }

    @Override
    public ValidateResult validateForApi(String definitionText, String type) {
      throw new UnsupportedOperationException(WHY);
    }

    @Override
    public Optional<String> rejectInput(String inputText, String definitionText) {
      throw new UnsupportedOperationException(WHY);
    }
  }
}
