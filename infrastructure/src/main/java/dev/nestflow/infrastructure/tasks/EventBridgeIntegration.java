package dev.nestflow.infrastructure.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.json.Json;
import java.util.function.Supplier;

/**
 * The optimized EventBridge integration {@code arn:aws:states:::events:putEvents[.waitForTaskToken]}:
 * Parameters {@code Entries} (each entry's {@code Detail}, when not a string, is sent as its JSON
 * text); the execution's and its state machine's ARNs are appended to each entry's {@code
 * Resources}, as Step Functions does. The result is PutEvents' response; a non-zero {@code
 * FailedEntryCount} fails the task with {@code EventBridge.FailedEntry}. Refused calls fail with
 * {@code EventBridge.<Exception>}.
 */
public final class EventBridgeIntegration implements TaskIntegration {
  private final AwsServices services;
  private final Supplier<String> ids;

  public EventBridgeIntegration(AwsServices services, Supplier<String> ids) {
    this.services = services;
    this.ids = ids;
  }

  @Override
  public boolean handles(String resource) {
    return ServiceActions.names(resource, "events", "putEvents");
  }

  @Override
  public TaskOutcome invoke(TaskRequest request) {
    JsonNode p = request.input() == null ? Json.object() : request.input();
    ObjectNode call = Json.object();
    ArrayNode entries = call.putArray("Entries");
    for (JsonNode entry : p.path("Entries")) {
      ObjectNode e = entry.isObject() ? ((ObjectNode) entry).deepCopy() : Json.object();
      JsonNode detail = e.get("Detail");
      if (detail != null && !detail.isTextual() && !detail.isNull()) {
        e.put("Detail", Json.write(detail));
      }
      ArrayNode resources = e.has("Resources") && e.get("Resources").isArray()
          ? (ArrayNode) e.get("Resources") : e.putArray("Resources");
      resources.add(request.executionArn()).add(stateMachineArn(request.executionArn()));
      entries.add(e);
    }
    ObjectNode response;
    try {
      response = services.call("events", "PutEvents", call);
    } catch (ServiceException e) {
      return e.asV2("EventBridge", "EventBridgeException", ids.get(), false);
    }
    if (response.path("FailedEntryCount").asInt(0) > 0) {
      return new TaskOutcome.Failed("EventBridge.FailedEntry", Json.write(response));
    }
    return ServiceActions.answer(request, response);
  }

  /** {@code ...:execution:<machine>:<name>} (or {@code :express:...}) -> {@code ...:stateMachine:<machine>}. */
  static String stateMachineArn(String executionArn) {
    String[] parts = executionArn.split(":");
    if (parts.length < 8) {
      return executionArn;
    }
    return String.join(":", parts[0], parts[1], parts[2], parts[3], parts[4], "stateMachine", parts[6]);
  }
}
