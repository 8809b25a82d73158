package dev.nestflow.cli.conformance;

import dev.nestflow.cli.LocalRunner;
import dev.nestflow.core.interpreter.ExecutionResult;
import dev.nestflow.core.json.Json;
import dev.nestflow.core.states.StateMachine;
import dev.nestflow.core.validation.DefinitionValidator;
import dev.nestflow.core.validation.Diagnostic;
import dev.nestflow.core.validation.InvalidDefinitionMessage;
import dev.nestflow.core.validation.ValidationReport;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The in-process interpreter (embedded default, virtual clock) as a conformance engine. */
public final class InterpreterEngine implements ConformanceEngine {
  /** A fixed seed, so conformance runs repeat exactly (the recordings mask times, so the clock starts now). */
  private static final long SEED = 42;

  @Override
  public Set<String> capabilities() {
    return Set.of(CaseNeeds.JSONPATH, CaseNeeds.JSONATA, CaseNeeds.VARIABLES, CaseNeeds.EXPRESS, "map:distributed");
  }

  @Override
  public ExecutionResult execute(CaseExecution c) {
    StateMachine machine = LocalRunner.create(c.definition(), c.type());
    return LocalRunner.withoutTasks()
        .run(machine, c.type(), c.stateMachineArn(), c.executionName(), c.roleArn(), Json.write(c.input()), Instant.now(), SEED);
  }

  @Override
  public List<Diagnostic> validate(String definitionText, String type) {
    return DefinitionValidator.validate(definitionText, type);
  }

  @Override
  public String invalidDefinitionMessage(List<Diagnostic> diagnostics) {
    return InvalidDefinitionMessage.format(diagnostics);
  }

  @Override
  public ValidateResult validateForApi(String definitionText, String type) {
    ValidationReport report = DefinitionValidator.validateForApi(definitionText, type, null, null);
    return new ValidateResult(report.result(), report.diagnostics());
  }

  @Override
  public Optional<String> rejectInput(String inputText, String definitionText) {
    try {
      LocalRunner.parseInput(inputText);
      return Optional.empty();
    } catch (LocalRunner.Rejected e) {
      return Optional.of(e.getMessage());
    }
  }
}
