package dev.nestflow.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.json.Json;
import dev.nestflow.infrastructure.api.ApiRequest;
import dev.nestflow.infrastructure.api.TestState;
import dev.nestflow.infrastructure.runtime.ApiException;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nestflow test-state}: the TestState API without a server, its options named as the AWS
 * CLI's {@code aws stepfunctions test-state} names them (with shortcuts for the common mocks).
 * Prints the API's answer; the exit code is 1 when the state FAILED, 2 when the request was refused.
 */
@Command(name = "test-state", mixinStandardHelpOptions = true,
    description = "Run one state (alone, or named in a whole machine) as the TestState API does, and print the result.")
public final class TestStateCommand implements Callable<Integer> {
  @Option(names = "--definition", required = true, description = "the state, or a whole machine (JSON, or @FILE)")
  String definition;

  @Option(names = "--state-name", description = "the state of a whole machine to test (default: its StartAt)")
  String stateName;

  @Option(names = "--input", description = "the state's input (JSON, or @FILE; default {})")
  String input;

  @Option(names = "--variables", description = "variables in scope (JSON object, or @FILE)")
  String variables;

  @Option(names = "--context", description = "context-object fields to use (JSON object, or @FILE)")
  String context;

  @Option(names = "--inspection-level", description = "INFO, DEBUG or TRACE (default INFO)")
  String inspectionLevel;

  @Option(names = "--mock", description = "the mock, as the API takes it (JSON, or @FILE): {\"result\":\"...\"} or {\"errorOutput\":{\"error\":..,\"cause\":..}}")
  String mock;

  @Option(names = "--mock-result", description = "shortcut: the Task's mocked result (JSON, or @FILE)")
  String mockResult;

  @Option(names = "--mock-error", description = "shortcut: the Task's mocked error name")
  String mockError;

  @Option(names = "--mock-cause", description = "with --mock-error: the error's cause")
  String mockCause;

  @Option(names = "--state-configuration", description = "as the API takes it (JSON, or @FILE), e.g. {\"retrierRetryCount\":1}")
  String stateConfiguration;

  @Option(names = "--retrier-retry-count", description = "shortcut: retries already made by the Retrier the mocked error matches")
  Integer retrierRetryCount;

  @Option(names = "--role-arn", description = "the execution role (optional; nothing is called with it)")
  String roleArn;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      ObjectNode request = request();
      ObjectNode answer = new TestState(LocalRunner.DEFAULT_REGION, LocalRunner.DEFAULT_ACCOUNT, Clock.systemUTC())
          .invoke(new ApiRequest(request));
      out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(answer));
      out.flush();
      return "FAILED".equals(answer.path("status").asText()) ? 1 : 0;
    } catch (ApiException e) {
      err.println(e.code() + ": " + e.getMessage());
      err.flush();
      return 2;
    } catch (LocalRunner.Rejected e) {
      err.println(e.code() + ": " + e.getMessage());
      err.flush();
      return 2;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private ObjectNode request() {
    ObjectNode r = Json.object();
    r.put("definition", Inputs.textOrFile(definition));
    putText(r, "stateName", stateName);
    putText(r, "input", Inputs.textOrFile(input));
    putText(r, "variables", Inputs.textOrFile(variables));
    putText(r, "context", Inputs.textOrFile(context));
    putText(r, "inspectionLevel", inspectionLevel);
    putText(r, "roleArn", roleArn);
    ObjectNode m = mock == null ? null : object("--mock", Inputs.textOrFile(mock));
    if (mockResult != null || mockError != null) {
      m = m == null ? Json.object() : m;
      if (mockResult != null) {
        m.put("result", Inputs.textOrFile(mockResult));
      }
      if (mockError != null) {
        ObjectNode e = m.putObject("errorOutput");
        e.put("error", mockError);
        putText(e, "cause", mockCause);
      }
    }
    if (m != null) {
      r.set("mock", m);
    }
    ObjectNode c = stateConfiguration == null ? null : object("--state-configuration", Inputs.textOrFile(stateConfiguration));
    if (retrierRetryCount != null) {
      c = c == null ? Json.object() : c;
      c.put("retrierRetryCount", retrierRetryCount);
    }
    if (c != null) {
      r.set("stateConfiguration", c);
    }
    return r;
  }

  private static ObjectNode object(String option, String text) {
    JsonNode parsed;
    try {
      parsed = Json.parse(text);
    } catch (Json.JsonSyntaxException e) {
      throw new LocalRunner.Rejected("ValidationException", option + " is not JSON: " + e.getMessage());
    }
    if (!parsed.isObject()) {
      throw new LocalRunner.Rejected("ValidationException", option + " must be a JSON object");
    }
    return (ObjectNode) parsed;
  }

  private static void putText(ObjectNode r, String field, String value) {
    if (value != null) {
      r.put(field, value);
    }
  }
}
