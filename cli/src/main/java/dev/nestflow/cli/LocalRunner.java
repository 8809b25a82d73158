package dev.nestflow.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nestflow.core.interpreter.Environment;
import dev.nestflow.core.interpreter.ExecutionIdentity;
import dev.nestflow.core.interpreter.ExecutionResult;
import dev.nestflow.core.interpreter.TaskHandler;
import dev.nestflow.core.interpreter.Uuids;
import dev.nestflow.core.interpreter.VirtualTimeRunner;
import dev.nestflow.core.json.Json;
import dev.nestflow.core.states.StateMachine;
import dev.nestflow.core.states.StateMachineParser;
import dev.nestflow.core.validation.Diagnostic;
import dev.nestflow.core.validation.DefinitionValidator;
import dev.nestflow.core.validation.InvalidDefinitionMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;

/**
 * Runs a state machine in-process on the embedded default: validation as CreateStateMachine does
 * it, input checks as StartExecution does them, then the interpreter on a virtual clock.
 */
public final class LocalRunner {
  public static final String DEFAULT_REGION = "us-east-1";
  public static final String DEFAULT_ACCOUNT = "123456789012";
  public static final int MAX_INPUT_CHARS = 262_144;

  /** A rejected request, shaped like the Step Functions API error (code and message). */
  public static final class Rejected extends RuntimeException {
    private final String code;

    public Rejected(String code, String message) {
      super(message, null, false, false);
      this.code = code;
    }

    public String code() {
      return code;
    }
  }

  /** Distributed Maps' runs: children in-process; ItemReader and ResultWriter on S3 as the environment configures it. */
  private static final dev.nestflow.core.interpreter.MapRunHandler MAP_RUNS =
      new dev.nestflow.infrastructure.runtime.MapRunItems().inProcess();

  private final TaskHandler tasks;
  private final Duration horizon;

  public LocalRunner(TaskHandler tasks) {
    this(tasks, null);
  }

  /** A runner that reports RUNNING for executions still waiting {@code horizon} after their start. */
  public LocalRunner(TaskHandler tasks, Duration horizon) {
    this.tasks = tasks;
    this.horizon = horizon;
  }

  /** What a task no local integration serves is told: it runs on the embedded default. */
  public static String unhandledHint(String resource) {
    return "on the embedded default.";
  }

  /** CreateStateMachine: the definition's diagnostics turned into the InvalidDefinition error. */
  public static StateMachine create(String definitionText, String type) {
    List<Diagnostic> diagnostics = DefinitionValidator.validate(definitionText, type);
    if (diagnostics.stream().anyMatch(d -> DefinitionValidator.ERROR.equals(d.severity()))) {
      throw new Rejected("InvalidDefinition", InvalidDefinitionMessage.format(diagnostics));
    }
    return StateMachineParser.parse(Json.parse(definitionText));
  }

  /** StartExecution's input rules: JSON text of at most 256 KiB. */
  public static JsonNode parseInput(String inputText) {
    if (inputText == null || inputText.isEmpty()) {
      throw new Rejected("InvalidExecutionInput", "Invalid State Machine Execution Input: 'Invalid execution input.'");
    }
    if (inputText.length() > MAX_INPUT_CHARS || inputText.getBytes(StandardCharsets.UTF_8).length > MAX_INPUT_CHARS) {
      throw new Rejected(
          "ValidationException",
          "1 validation error detected: Value at 'input' failed to satisfy constraint: Member must have length less than or equal to "
              + MAX_INPUT_CHARS);
    }
    try {
      return Json.parse(inputText);
    } catch (Json.JsonSyntaxException e) {
      throw new Rejected("InvalidExecutionInput", "Invalid State Machine Execution Input: '" + e.getMessage() + "'");
    }
  }

  /** Runs an execution of {@code machine} to its end. */
  public ExecutionResult run(StateMachine machine, String type, String stateMachineArn, String executionName,
      String roleArn, String inputText, Instant start, long seed) {
    JsonNode input = parseInput(inputText);
    String smName = stateMachineArn.substring(stateMachineArn.lastIndexOf(':') + 1);
    String executionArn = executionArn(type, stateMachineArn, executionName, seed);
    ExecutionIdentity identity = new ExecutionIdentity(executionArn, executionName, stateMachineArn, smName, roleArn, start);
    return new VirtualTimeRunner(tasks, horizon, MAP_RUNS).run(machine, identity, input, inputText, Environment.of(new Random(seed)));
  }

  /**
   * Standard: {@code ...:execution:<machine>:<name>}; Express: {@code ...:express:<machine>:<name>:<uuid>}.
   */
  public static String executionArn(String type, String stateMachineArn, String executionName, long seed) {
    if ("EXPRESS".equals(type)) {
      return stateMachineArn.replace(":stateMachine:", ":express:") + ":" + executionName + ":"
          + Uuids.random(new Random(seed ^ 0x5DEECE66DL));
    }
    return stateMachineArn.replace(":stateMachine:", ":execution:") + ":" + executionName;
  }

  public static String stateMachineArn(String name) {
    return "arn:aws:states:" + DEFAULT_REGION + ":" + DEFAULT_ACCOUNT + ":stateMachine:" + name;
  }

  public static String defaultRoleArn() {
    return "arn:aws:iam::" + DEFAULT_ACCOUNT + ":role/nestflow-local";
  }
}
