package dev.nestflow.infrastructure.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.json.Json;
import dev.nestflow.core.interpreter.ExecutionResult;
import dev.nestflow.infrastructure.store.ExecutionRecord;
import dev.nestflow.infrastructure.tasks.SdkAction;
import dev.nestflow.infrastructure.tasks.TaskIntegration;
import dev.nestflow.infrastructure.tasks.TaskOutcome;
import dev.nestflow.infrastructure.tasks.TaskRequest;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The SDK integration {@code arn:aws:states:::aws-sdk:sfn:<action>} against this runtime itself:
 * {@code startExecution} (request-response: the result is {@code ExecutionArn} and {@code
 * StartDate}), {@code sendTaskSuccess}, {@code sendTaskFailure} and {@code sendTaskHeartbeat}
 * (result {@code {}}), {@code describeExecution} and {@code stopExecution}. A refused call fails as the AWS SDK for Java v2 reports it: {@code
 * Sfn.<Code>Exception} with the v2 message.
 *
 * <p>The runtime is passed as a supplier because it is built with its task invoker (the registry
 * this integration is an entry of).
 */
public final class StepFunctionsSdkIntegration implements TaskIntegration {
  private static final Set<String> ACTIONS = Set.of("startExecution", "sendTaskSuccess", "sendTaskFailure", "sendTaskHeartbeat", "describeExecution", "stopExecution");

  private final Supplier<ExecutionRuntime> runtime;

  public StepFunctionsSdkIntegration(Supplier<ExecutionRuntime> runtime) {
    this.runtime = runtime;
  }

  private static String action(String resource) {
    SdkAction sdk = SdkAction.of(resource);
    return sdk != null && "sfn".equals(sdk.service()) && ACTIONS.contains(sdk.action()) ? sdk.action() : null;
  }

  @Override
  public boolean handles(String resource) {
    return action(resource) != null;
  }

  @Override
  public TaskOutcome invoke(TaskRequest request) {
    String action = action(request.resource());
    JsonNode p = request.input() == null ? Json.object() : request.input();
    ExecutionCommands sfn = runtime.get().commands();
    ObjectNode result = Json.object();
    try {
      switch (action) {
        case "startExecution" -> {
          String name = p.hasNonNull("Name") ? p.get("Name").asText() : Ids.uuidFrom(request.executionArn() + "/" + request.taskKey());
          ExecutionCommands.Started started =
              sfn.startExecution(p.path("StateMachineArn").asText(null), name, NestedExecutions.childInput(p.get("Input")));
          result.put("ExecutionArn", started.executionArn());
          result.put("StartDate", started.startMillis());
        }
        case "sendTaskSuccess" -> sfn.sendTaskSuccess(text(p, "TaskToken"), text(p, "Output"));
        case "sendTaskFailure" -> sfn.sendTaskFailure(text(p, "TaskToken"), text(p, "Error"), text(p, "Cause"));
        case "describeExecution" -> describe(sfn, text(p, "ExecutionArn"), result);
        case "stopExecution" -> {
          sfn.stopExecution(text(p, "ExecutionArn"), text(p, "Error"), text(p, "Cause"));
          result.put("StopDate", sfn.clock().millis());
        }
        default -> sfn.sendTaskHeartbeat(text(p, "TaskToken"));
      }
    } catch (ApiException e) {
      return new TaskOutcome.Failed("Sfn." + e.code() + "Exception",
          e.getMessage() + " (Service: Sfn, Status Code: 400, Request ID: " + Ids.uuid() + ") (SDK Attempt Count: 1)");
    }
    return new TaskOutcome.Succeeded(result);
  }

  /**
   * DescribeExecution's members (dates as epoch milliseconds, as this integration writes StartDate):
   * names and dates from the execution's head, status and result from its log.
   */
  private static void describe(ExecutionCommands sfn, String executionArn, ObjectNode result) {
    ExecutionRecord rec = executionArn == null ? null : sfn.store().execution(executionArn).orElse(null);
    ExecutionResult r = rec == null ? null : sfn.describe(executionArn).orElse(null);
    if (r == null) {
      throw new ApiException("ExecutionDoesNotExist", "Execution Does Not Exist: '" + executionArn + "'");
    }
    result.put("ExecutionArn", rec.executionArn());
    result.put("StateMachineArn", rec.stateMachineArn());
    result.put("Name", rec.name());
    result.put("Status", r.status().toString());
    result.put("StartDate", rec.startMillis());
    if (rec.stopMillis() != null) {
      result.put("StopDate", rec.stopMillis());
    }
    result.put("Input", rec.inputText());
    result.putObject("InputDetails").put("Included", true);
    if (r.output() != null && !r.output().isNull()) {
      result.put("Output", Json.write(r.output()));
      result.putObject("OutputDetails").put("Included", true);
    }
    if (r.error() != null) {
      result.put("Error", r.error());
    }
    if (r.cause() != null) {
      result.put("Cause", r.cause());
    }
  }

  /** A string parameter; any other JSON value as its JSON text (as the SDK serialises a document). */
  private static String text(JsonNode p, String field) {
    JsonNode v = p.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    return Json.text(v);
  }
}
