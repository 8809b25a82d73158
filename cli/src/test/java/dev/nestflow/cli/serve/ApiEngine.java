package dev.nestflow.cli.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.cli.conformance.CaseExecution;
import dev.nestflow.cli.conformance.CaseNeeds;
import dev.nestflow.cli.conformance.ConformanceEngine;
import dev.nestflow.cli.conformance.ValidateResult;
import dev.nestflow.core.interpreter.ExecutionResult;
import dev.nestflow.core.json.Json;
import dev.nestflow.core.validation.Diagnostic;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A conformance engine that does everything through the Step Functions API on the wire:
 * CreateStateMachine, StartExecution / StartSyncExecution, DescribeExecution, GetExecutionHistory,
 * StopExecution, ValidateStateMachineDefinition, against a running {@code nestflow serve}.
 */
final class ApiEngine implements ConformanceEngine {
  /** A request the API refused. */
  static final class Refused extends RuntimeException {
    final String code;

    Refused(String code, String message) {
      super(message, null, false, false);
      this.code = code;
    }
  }

  private final URI endpoint;
  private final HttpClient http = HttpClient.newHttpClient();

  ApiEngine(int port) {
    this.endpoint = URI.create("http://127.0.0.1:" + port + "/");
  }

  JsonNode call(String operation, ObjectNode body) {
    try {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(endpoint)
              .header("Content-Type", "application/x-amz-json-1.0")
              .header("X-Amz-Target", "AWSStepFunctions." + operation)
              .POST(HttpRequest.BodyPublishers.ofString(Json.write(body)))
              .build(),
          HttpResponse.BodyHandlers.ofString());
      JsonNode json = Json.parse(response.body());
      if (response.statusCode() != 200) {
        String type = json.path("__type").asText();
        throw new Refused(type.substring(type.indexOf('#') + 1), json.path("message").asText());
      }
      return json;
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public Set<String> capabilities() {
    return Set.of(CaseNeeds.JSONPATH, CaseNeeds.JSONATA, CaseNeeds.VARIABLES, CaseNeeds.EXPRESS, "sfn:child",
        "actor:stop_execution");
  }

  private void createMachine(String arn, String definition, String type, String role) {
    String name = arn.substring(arn.lastIndexOf(':') + 1);
    ObjectNode delete = Json.object().put("stateMachineArn", arn);
    call("DeleteStateMachine", delete);
    call("CreateStateMachine", Json.object().put("name", name).put("definition", definition).put("type", type).put("roleArn", role));
  }

  @Override
  public ExecutionResult execute(CaseExecution c) {
    for (Map.Entry<String, String> child : c.children().entrySet()) {
      createMachine(child.getKey(), child.getValue(), "STANDARD", c.roleArn());
    }
    createMachine(c.stateMachineArn(), c.definition(), c.type(), c.roleArn());
    ObjectNode start = Json.object()
        .put("stateMachineArn", c.stateMachineArn())
        .put("name", c.executionName())
        .put("input", Json.write(c.input()));
    if ("EXPRESS".equals(c.type())) {
      JsonNode r = call("StartSyncExecution", start);
      return new ExecutionResult(r.path("status").asText(), r.has("output") ? Json.parse(r.path("output").asText()) : null,
          text(r, "error"), text(r, "cause"), List.of());
    }
    String arn = call("StartExecution", start).path("executionArn").asText();
    JsonNode stopper = stopActor(c.actors());
    long deadline = System.nanoTime() + 10_000_000_000L;
    JsonNode d;
    while (true) {
      d = call("DescribeExecution", Json.object().put("executionArn", arn));
      if (!"RUNNING".equals(d.path("status").asText()) || System.nanoTime() > deadline) {
        break;
      }
      if (stopper != null && entered(arn, stopper.path("after_state_entered").asText())) {
        ObjectNode stop = Json.object().put("executionArn", arn);
        if (stopper.hasNonNull("error")) {
          stop.put("error", stopper.path("error").asText());
        }
        if (stopper.hasNonNull("cause")) {
          stop.put("cause", stopper.path("cause").asText());
        }
        call("StopExecution", stop);
        stopper = null;
      }
      sleep();
    }
    return new ExecutionResult(d.path("status").asText(), d.has("output") ? Json.parse(d.path("output").asText()) : null,
        text(d, "error"), text(d, "cause"), history(arn));
  }

  private static JsonNode stopActor(JsonNode actors) {
    if (actors != null) {
      for (JsonNode a : actors) {
        if ("stop_execution".equals(a.path("kind").asText())) {
          return a;
        }
      }
    }
    return null;
  }

  private boolean entered(String arn, String state) {
    for (ObjectNode e : history(arn)) {
      if (e.path("type").asText().endsWith("StateEntered") && state.equals(e.path("stateEnteredEventDetails").path("name").asText())) {
        return true;
      }
    }
    return false;
  }

  /** The whole history, read page by page. */
  private List<ObjectNode> history(String arn) {
    List<ObjectNode> events = new ArrayList<>();
    String token = null;
    do {
      ObjectNode request = Json.object().put("executionArn", arn).put("maxResults", 7);
      if (token != null) {
        request.put("nextToken", token);
      }
      JsonNode page = call("GetExecutionHistory", request);
      page.path("events").forEach(e -> events.add((ObjectNode) e));
      token = page.hasNonNull("nextToken") ? page.path("nextToken").asText() : null;
    } while (token != null);
    return events;
  }

  private static String text(JsonNode n, String field) {
    return n.hasNonNull(field) ? n.path(field).asText() : null;
  }

  private static void sleep() {
    try {
      Thread.sleep(5);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * CreateStateMachine of the definition under a scratch name: refused with InvalidDefinition, one
   * ERROR diagnostic (its message is the refusal's); accepted, none (and the scratch machine is deleted).
   */
  @Override
  public List<Diagnostic> validate(String definitionText, String type) {
    String arn = "arn:aws:states:us-east-1:123456789012:stateMachine:nfValidation";
    call("DeleteStateMachine", Json.object().put("stateMachineArn", arn));
    try {
      call("CreateStateMachine", Json.object().put("name", "nfValidation").put("definition", definitionText)
          .put("type", type).put("roleArn", "arn:aws:iam::123456789012:role/nf-conformance-role"));
      call("DeleteStateMachine", Json.object().put("stateMachineArn", arn));
      return List.of();
    } catch (Refused e) {
      lastCreateRefusal = e.code + ": " + e.getMessage();
      if ("InvalidDefinition".equals(e.code)) {
        lastCreateRefusal = e.getMessage();
      }
      return List.of(Diagnostic.error(e.code, e.getMessage(), null));
    }
  }

  /** The message CreateStateMachine answered with: asked of the API, not formatted here. */
  @Override
  public String invalidDefinitionMessage(List<Diagnostic> diagnostics) {
    return lastCreateRefusal;
  }

  private String lastCreateRefusal;

  @Override
  public ValidateResult validateForApi(String definitionText, String type) {
    ObjectNode request = Json.object().put("definition", definitionText);
    if (type != null) {
      request.put("type", type);
    }
    JsonNode r = call("ValidateStateMachineDefinition", request);
    List<Diagnostic> out = new ArrayList<>();
    r.path("diagnostics").forEach(d -> out.add(new Diagnostic(d.path("severity").asText(), d.path("code").asText(),
        d.path("message").asText(), text(d, "location"))));
    return new ValidateResult(r.path("result").asText(), out);
  }

  @Override
  public Optional<String> rejectInput(String inputText, String definitionText) {
    String arn = "arn:aws:states:us-east-1:123456789012:stateMachine:nfInputCheck";
    createMachine(arn, definitionText, "STANDARD", "arn:aws:iam::123456789012:role/nf-conformance-role");
    try {
      call("StartExecution", Json.object().put("stateMachineArn", arn).put("input", inputText));
      return Optional.empty();
    } catch (Refused e) {
      return "InvalidExecutionInput".equals(e.code) ? Optional.of(e.getMessage()) : Optional.of(e.code + ": " + e.getMessage());
    }
  }
}
