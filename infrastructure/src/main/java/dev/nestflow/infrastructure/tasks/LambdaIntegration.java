package dev.nestflow.infrastructure.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.interpreter.TaskResource;
import dev.nestflow.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Task states that call Lambda, in both forms Step Functions offers:
 *
 * <ul>
 *   <li>a function ARN as Resource: the state's input (after Parameters) is the payload; the result
 *       is the function's JSON return value; a function error fails the task with the function's
 *       {@code errorType} as error and the runtime's error document, as returned, as cause;
 *   <li>{@code arn:aws:states:::lambda:invoke[.waitForTaskToken]} with Parameters {@code
 *       FunctionName}, {@code Payload}, {@code InvocationType}, {@code Qualifier}, {@code
 *       ClientContext}, {@code LogType}: the result is the Invoke response ({@code ExecutedVersion},
 *       {@code Payload}, {@code SdkHttpMetadata}, {@code SdkResponseMetadata}, {@code StatusCode});
 *       a function error fails with its {@code errorType} and the error document as compact JSON.
 * </ul>
 *
 * <p>Refused calls fail with {@code Lambda.<ErrorCode>} and the SDK's summary as cause; an error
 * document without {@code errorType} (out of memory, function timeout) fails with {@code
 * Lambda.Unknown}. The 256 KiB limit on results is the
 * interpreter's (it fails the task with {@code States.DataLimitExceeded}).
 */
public final class LambdaIntegration implements TaskIntegration {
  public static final String UNKNOWN = "Lambda.Unknown";

  private final LambdaFunction functions;

  public LambdaIntegration(LambdaFunction functions) {
    this.functions = functions;
  }

  /** Whether {@code resource} is a Lambda function ARN or the {@code lambda:invoke} integration. */
  public static boolean serves(String resource) {
    TaskResource parsed = TaskResource.parse(resource);
    return parsed.kind() == TaskResource.Kind.LAMBDA_FUNCTION || isInvokeIntegration(parsed);
  }

  private static boolean isInvokeIntegration(TaskResource resource) {
    return resource.kind() == TaskResource.Kind.SERVICE
        && "lambda".equals(resource.resourceType())
        && (resource.resourceName().equals("invoke") || resource.resourceName().equals("invoke.waitForTaskToken"));
  }

  /**
   * The longest a Lambda task may run, when known: an asynchronous invocation (InvocationType Event
   * or DryRun) returns at once; otherwise the function's configured timeout. Empty for other
   * resources, and when the function's timeout is unknown.
   */
  public Optional<Duration> longestRun(String resource, JsonNode input) {
    TaskResource parsed = TaskResource.parse(resource);
    if (parsed.kind() == TaskResource.Kind.LAMBDA_FUNCTION) {
      return functions.longestRun(resource, null);
    }
    if (!isInvokeIntegration(parsed) || input == null || !input.path("FunctionName").isTextual()) {
      return Optional.empty();
    }
    String type = text(input, "InvocationType");
    if (LambdaInvocation.EVENT.equals(type) || LambdaInvocation.DRY_RUN.equals(type)) {
      return Optional.of(Duration.ZERO);
    }
    return functions.longestRun(input.get("FunctionName").asText(), text(input, "Qualifier"));
  }

  @Override
  public boolean handles(String resource) {
    return serves(resource);
  }

  @Override
  public TaskOutcome invoke(TaskRequest request) {
    TaskResource resource = TaskResource.parse(request.resource());
    if (resource.kind() == TaskResource.Kind.LAMBDA_FUNCTION) {
      return invokeFunctionResource(request);
    }
    return invokeIntegration(request, resource.pattern() == TaskResource.Pattern.CALLBACK);
  }

  private TaskOutcome invokeFunctionResource(TaskRequest request) {
    LambdaResponse response;
    try {
      response = functions.invoke(LambdaInvocation.of(request.resource(), Json.write(request.input())));
    } catch (LambdaServiceException e) {
      return refused(e);
    }
    if (response.failed()) {
      return new TaskOutcome.Failed(errorType(response), response.payloadText());
    }
    return new TaskOutcome.Succeeded(payloadValue(response));
  }

  private TaskOutcome invokeIntegration(TaskRequest request, boolean callback) {
    JsonNode parameters = request.input();
    JsonNode functionName = parameters == null ? null : parameters.get("FunctionName");
    if (functionName == null || !functionName.isTextual()) {
      return new TaskOutcome.Failed("Lambda.ValidationException",
          "1 validation error detected: Value null at 'functionName' failed to satisfy constraint: Member must not be null"
              + " (Service: AWSLambda; Status Code: 400; Error Code: ValidationException; Request ID: null; Proxy: null)");
    }
    LambdaInvocation invocation = new LambdaInvocation(
        functionName.asText(),
        text(parameters, "Qualifier"),
        text(parameters, "InvocationType"),
        requestBody(parameters.get("Payload")),
        text(parameters, "ClientContext"),
        text(parameters, "LogType"));
    LambdaResponse response;
    try {
      response = functions.invoke(invocation);
    } catch (LambdaServiceException e) {
      return refused(e);
    }
    if (response.failed()) {
      return new TaskOutcome.Failed(errorType(response), compactIfJson(response.payloadText()));
    }
    return callback ? new TaskOutcome.Pending() : new TaskOutcome.Succeeded(invokeResult(response));
  }

  /** A string Payload is sent as it is (it is JSON text already); any other value as its JSON text. */
  static byte[] requestBody(JsonNode payload) {
    if (payload == null || payload.isNull()) {
      return new byte[0];
    }
    String text = Json.text(payload);
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** The Invoke response as Step Functions' Lambda integration returns it. */
  static ObjectNode invokeResult(LambdaResponse response) {
    ObjectNode result = Json.object();
    if (response.executedVersion() != null) {
      result.put("ExecutedVersion", response.executedVersion());
    }
    if (response.logResult() != null) {
      result.put("LogResult", response.logResult());
    }
    result.set("Payload", response.payload().length == 0 ? Json.NODES.textNode("") : payloadValue(response));
    ObjectNode http = result.putObject("SdkHttpMetadata");
    ObjectNode all = http.putObject("AllHttpHeaders");
    Map<String, String> single = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (Map.Entry<String, List<String>> header : response.headers().entrySet()) {
      var values = all.putArray(header.getKey());
      header.getValue().forEach(values::add);
      single.put(header.getKey(), String.join(",", header.getValue()));
    }
    ObjectNode headers = http.putObject("HttpHeaders");
    single.forEach(headers::put);
    http.put("HttpStatusCode", response.statusCode());
    result.putObject("SdkResponseMetadata").put("RequestId", response.requestId());
    result.put("StatusCode", response.statusCode());
    return result;
  }

  /** The response body as a JSON value; a body that is not JSON is kept as a string. */
  static JsonNode payloadValue(LambdaResponse response) {
    String text = response.payloadText();
    if (text.isEmpty()) {
      return Json.NODES.nullNode();
    }
    try {
      return Json.parse(text);
    } catch (Json.JsonSyntaxException e) {
      return Json.NODES.textNode(text);
    }
  }

  private static String errorType(LambdaResponse response) {
    try {
      JsonNode doc = Json.parse(response.payloadText());
      JsonNode type = doc.get("errorType");
      if (type != null && type.isTextual() && !type.asText().isEmpty()) {
        return type.asText();
      }
    } catch (Json.JsonSyntaxException e) {
      // not a JSON error document: fall through
    }
    return UNKNOWN;
  }

  private static String compactIfJson(String text) {
    try {
      return Json.write(Json.parse(text));
    } catch (Json.JsonSyntaxException e) {
      return text;
    }
  }

  private static TaskOutcome refused(LambdaServiceException e) {
    return new TaskOutcome.Failed("Lambda." + e.errorCode(), e.stepFunctionsCause());
  }

  private static String text(JsonNode parameters, String field) {
    JsonNode value = parameters.get(field);
    return value != null && value.isTextual() ? value.asText() : null;
  }
}
