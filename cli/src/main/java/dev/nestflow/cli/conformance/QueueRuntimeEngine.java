package dev.nestflow.cli.conformance;

import dev.nestflow.core.interpreter.ExecutionResult;
import dev.nestflow.core.validation.Diagnostic;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The queue/store runtime as a conformance engine: each case runs in its own {@link
 * dev.nestflow.infrastructure.embedded.EmbeddedRuntime} (the state-advance runtime over the in-memory
 * store and queue, on a virtual clock) with the case's child state machines, Lambda functions, the
 * in-memory SQS, SNS and DynamoDB, activities, and the case's actors (see {@link QueueCaseRun}).
 * Validation is the interpreter engine's: both engines share the definition checks.
 */
public final class QueueRuntimeEngine implements ConformanceEngine {
  /** Actor kinds {@link QueueCaseRun} carries out. */
  static final Set<String> ACTORS = Set.of(
      "answer_message", "answer_activity_task", "send_task_success_from_child_input",
      "send_task_failure_from_child_input", "no_answer", "stop_execution", "delete_activity");

  private final InterpreterEngine validation = new InterpreterEngine();
  private final QueueCaseRun.ServicesFactory services;

  /** Service tasks call the in-memory twins, fresh for each case. */
  public QueueRuntimeEngine() {
    this(QueueCaseRun.ServicesFactory.memory());
  }

  QueueRuntimeEngine(QueueCaseRun.ServicesFactory services) {
    this.services = services;
  }

  @Override
  public Set<String> capabilities() {
    Set<String> capabilities = new TreeSet<>(Set.of(CaseNeeds.JSONPATH, CaseNeeds.JSONATA, CaseNeeds.VARIABLES,
        CaseNeeds.EXPRESS, "map:distributed", "lambda:unreferenced", "sfn:child", "callback", "sqs", "sns", "dynamodb",
        "aws-sdk:dynamodb", "aws-sdk:sfn", "activity"));
    CorpusFunctions.KINDS.forEach(kind -> capabilities.add("lambda:" + kind));
    ACTORS.forEach(kind -> capabilities.add("actor:" + kind));
    return Set.copyOf(capabilities);
  }

  @Override
  public ExecutionResult execute(CaseExecution execution) {
    return new QueueCaseRun(execution, services).run();
  }

  @Override
  public List<Diagnostic> validate(String definitionText, String type) {
    return validation.validate(definitionText, type);
  }

  @Override
  public String invalidDefinitionMessage(List<Diagnostic> diagnostics) {
    return validation.invalidDefinitionMessage(diagnostics);
  }

  @Override
  public ValidateResult validateForApi(String definitionText, String type) {
    return validation.validateForApi(definitionText, type);
  }

  @Override
  public Optional<String> rejectInput(String inputText, String definitionText) {
    return validation.rejectInput(inputText, definitionText);
  }
}
