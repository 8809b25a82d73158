package dev.nestflow.cli.conformance;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.interpreter.ExecutionResult;
import dev.nestflow.core.validation.Diagnostic;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** A small engine for runner tests: fixed capabilities, a function for executions, canned rejections. */
final class FakeEngine implements ConformanceEngine {
  final List<CaseExecution> executions = new ArrayList<>();
  Set<String> capabilities = Set.of("jsonpath", "jsonata", "variables");
  Function<CaseExecution, ExecutionResult> run = e -> new ExecutionResult("SUCCEEDED", e.input(), null, null, List.<ObjectNode>of());
  List<Diagnostic> diagnostics = List.of();
  Optional<String> inputRejection = Optional.empty();

  @Override
  public Set<String> capabilities() {
    return capabilities;
  }

  @Override
  public ExecutionResult execute(CaseExecution execution) {
    executions.add(execution);
    return run.apply(execution);
  }

  @Override
  public List<Diagnostic> validate(String definitionText, String type) {
    return diagnostics;
  }

  @Override
  public String invalidDefinitionMessage(List<Diagnostic> diagnostics) {
    return diagnostics.get(0).code() + ": " + diagnostics.get(0).message();
  }

  @Override
  public ValidateResult validateForApi(String definitionText, String type) {
    return new ValidateResult(diagnostics.isEmpty() ? "OK" : "FAIL", diagnostics);
  }

  @Override
  public Optional<String> rejectInput(String inputText, String definitionText) {
    return inputRejection;
  }
}
