package dev.nestflow.cli.conformance;

import dev.nestflow.cli.LocalRunner;
import dev.nestflow.core.interpreter.ExecutionResult;
import dev.nestflow.core.interpreter.Uuids;
import dev.nestflow.core.json.Json;
import dev.nestflow.core.states.StateMachine;
import dev.nestflow.core.validation.DefinitionValidator;
import dev.nestflow.core.validation.Diagnostic;
import dev.nestflow.core.validation.InvalidDefinitionMessage;
import dev.nestflow.core.validation.ValidationReport;
import dev.nestflow.infrastructure.tasks.LambdaIntegration;
import dev.nestflow.infrastructure.tasks.TaskIntegrations;
import dev.nestflow.infrastructure.tasks.LocalFunctions;
import dev.nestflow.infrastructure.tasks.TaskInvokerHandler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/** The in-process interpreter (embedded default, virtual clock) as a conformance engine. */
public final class InterpreterEngine implements ConformanceEngine {
  /**
   * The recordings were taken within minutes of each start; an execution still waiting a day after
   * its start is reported RUNNING, as AWS showed it when the recording was taken.
   */
  private static final Duration RECORDING_HORIZON = Duration.ofDays(1);

  /** A fixed seed, so conformance runs repeat exactly (the recordings mask times, so the clock starts now). */
  private static final long SEED = 42;

  /**
   * Functions whose cases depend on how long they run (a 60 s sleep against TimeoutSeconds): the
   * embedded runner answers tasks at once and has no task timeouts yet, so these stay unsupported.
   */
  private static final Set<String> TIMED_FUNCTIONS = Set.of("wait_60_seconds");

  @Override
  public Set<String> capabilities() {
    Set<String> capabilities = new TreeSet<>(Set.of(CaseNeeds.JSONPATH, CaseNeeds.JSONATA, CaseNeeds.VARIABLES, CaseNeeds.EXPRESS, "map:distributed"));
    for (String kind : CorpusFunctions.KINDS) {
      if (!TIMED_FUNCTIONS.contains(kind)) {
        capabilities.add("lambda:" + kind);
      }
    }
    capabilities.add("lambda:unreferenced");
    return Set.copyOf(capabilities);
  }

  @Override
  public ExecutionResult execute(CaseExecution c) {
    StateMachine machine = LocalRunner.create(c.definition(), c.type());
    Random requestIds = new Random(SEED);
    LocalFunctions functions = CorpusFunctions.register(
        new LocalFunctions(c.region(), c.account(), Clock.systemUTC(), () -> Uuids.random(requestIds)), c);
    String executionArn = LocalRunner.executionArn(c.type(), c.stateMachineArn(), c.executionName(), SEED);
    LocalRunner runner = new LocalRunner(new TaskInvokerHandler(
        TaskIntegrations.builder().add(new LambdaIntegration(functions)).whenUnhandled(LocalRunner::unhandledHint).build(),
        executionArn), RECORDING_HORIZON);
    return runner
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
