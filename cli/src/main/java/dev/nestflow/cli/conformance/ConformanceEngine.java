package dev.nestflow.cli.conformance;

import dev.nestflow.core.interpreter.ExecutionResult;
import dev.nestflow.core.validation.Diagnostic;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** What the conformance runner needs from an engine; the interpreter side implements it. */
public interface ConformanceEngine {

  /**
   * Features this engine supports; a case whose needs are not all here is skipped with the missing
   * one named. Vocabulary: see {@link CaseNeeds} (e.g. "jsonpath", "jsonata", "variables", "express",
   * "sfn:child", "callback", "activity", "sqs", "dynamodb", "lambda:&lt;function file&gt;",
   * "actor:&lt;kind&gt;", "map:distributed").
   */
  Set<String> capabilities();

  /** Runs one execution to its end (or until it would wait forever: status RUNNING). */
  ExecutionResult execute(CaseExecution execution);

  /** CreateStateMachine-time diagnostics; any ERROR diagnostic means the definition is rejected. */
  List<Diagnostic> validate(String definitionText, String type);

  /** Message text of the InvalidDefinition error CreateStateMachine returns for these diagnostics. */
  String invalidDefinitionMessage(List<Diagnostic> diagnostics);

  /** ValidateStateMachineDefinition: result OK or FAIL plus diagnostics. */
  ValidateResult validateForApi(String definitionText, String type);

  /** StartExecution: the InvalidExecutionInput message, or empty when the input is accepted. */
  Optional<String> rejectInput(String inputText, String definitionText);
}
