package dev.nestflow.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.json.Json;
import dev.nestflow.infrastructure.api.ApiErrors;
import dev.nestflow.infrastructure.api.SfnApi;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Answers a task token from a Lambda invocation, through the same code as the API's
 * SendTaskSuccess, SendTaskFailure and SendTaskHeartbeat (for callers that may invoke this function
 * but not call the API's Function URL: workers, other functions, EventBridge rules).
 *
 * <p>The event is one JSON object:
 * <pre>{@code
 * {"action": "success",   "taskToken": "...", "output": <any JSON value: the task's result>}
 * {"action": "failure",   "taskToken": "...", "error": "Rejected", "cause": "out of stock"}   (error, cause optional)
 * {"action": "heartbeat", "taskToken": "..."}
 * }</pre>
 * {@code output} is the result itself, not JSON text: {@code {"approved": true}} resumes the task
 * with that object, {@code "yes"} with that string.
 *
 * <p>The answer is {@code {}} when the token was answered. When the caller is at fault it is an
 * error object with the API's error type: {@code {"errorType": "TaskTimedOut", "errorMessage":
 * "..."}} ({@code InvalidToken}, {@code TaskDoesNotExist}, {@code TaskTimedOut}, {@code InvalidOutput},
 * {@code ValidationException} for an event of the wrong shape); asking again cannot help, so the
 * invocation itself succeeds. A fault of ours (the table unreachable) is thrown, so the invocation
 * fails and an asynchronous one is retried by Lambda.
 */
public final class TaskTokenHandler implements RequestStreamHandler {
  private static final Map<String, String> OPERATIONS = Map.of(
      "success", "SendTaskSuccess",
      "failure", "SendTaskFailure",
      "heartbeat", "SendTaskHeartbeat");

  private final Supplier<SfnApi> api;

  /** The Lambda entry point: the API is built from the environment on first use. */
  public TaskTokenHandler() {
    this(Runtimes::apiFromEnvironment);
  }

  public TaskTokenHandler(Supplier<SfnApi> api) {
    this.api = api;
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    output.write(Json.write(handle(input.readAllBytes())).getBytes(StandardCharsets.UTF_8));
  }

  /** Answers one event (JSON bytes): {@code {}} or {@code {"errorType", "errorMessage"}}. */
  public ObjectNode handle(byte[] event) {
    JsonNode parsed;
    try {
      parsed = Json.parse(new String(event, StandardCharsets.UTF_8));
    } catch (Json.JsonSyntaxException e) {
      return error(ApiErrors.VALIDATION, "The event is not JSON: " + e.getMessage());
    }
    if (!parsed.isObject()) {
      return error(ApiErrors.VALIDATION, "The event must be a JSON object with action and taskToken");
    }
    JsonNode action = parsed.get("action");
    String operation = action != null && action.isTextual() ? OPERATIONS.get(action.asText()) : null;
    if (operation == null) {
      return error(ApiErrors.VALIDATION, "action must be \"success\", \"failure\" or \"heartbeat\", not "
          + (action == null ? "absent" : Json.write(action)));
    }
    ObjectNode request = Json.object();
    for (String field : new String[] {"taskToken", "error", "cause"}) {
      if (parsed.has(field)) {
        request.set(field, parsed.get(field).deepCopy());
      }
    }
    if (operation.equals("SendTaskSuccess") && parsed.has("output")) {
      request.put("output", Json.write(parsed.get("output")));
    }
    SfnApi.Response response = api.get().handle(SfnApi.TARGET_PREFIX + operation,
        Json.write(request).getBytes(StandardCharsets.UTF_8));
    if (response.status() == 200) {
      return Json.object();
    }
    JsonNode body = Json.parse(response.body());
    String type = body.path("__type").asText();
    String errorType = type.substring(type.indexOf('#') + 1);
    if (response.status() >= 500) {
      throw new IllegalStateException(errorType + ": " + body.path("message").asText());
    }
    return error(errorType, body.path("message").asText());
  }

  private static ObjectNode error(String type, String message) {
    ObjectNode out = Json.object();
    out.put("errorType", type);
    out.put("errorMessage", message);
    return out;
  }
}
