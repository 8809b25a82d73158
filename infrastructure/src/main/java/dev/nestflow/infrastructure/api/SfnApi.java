package dev.nestflow.infrastructure.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.json.Json;
import dev.nestflow.infrastructure.runtime.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The Step Functions API over the AWS JSON 1.0 protocol: {@code X-Amz-Target:
 * AWSStepFunctions.<Operation>} names the operation, the body is its JSON request. One router for
 * the Lambda Function URL and for {@code nestflow serve}. Every failure the caller caused is an
 * HTTP 400 with {@code __type} and {@code message}; only a fault of ours is a 500.
 */
public final class SfnApi {
  public static final String TARGET_PREFIX = "AWSStepFunctions.";
  public static final String CONTENT_TYPE = "application/x-amz-json-1.0";
  /** Largest request body read: a 1 MiB definition escaped as JSON, with room to spare. */
  public static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

  /** A response: HTTP status, JSON body and the request id to send as {@code x-amzn-RequestId}. */
  public record Response(int status, String body, String requestId) {}

  /**
   * One answered call, for logs and metrics: the operation (null when the target named none), the
   * HTTP status, the error type (null on success), the request and response bodies as parsed (null
   * when they were not JSON) and how long the call took.
   */
  public record Call(String operation, int status, String errorType, String requestId, long nanos,
      JsonNode request, JsonNode response) {}

  private final Map<String, Operation> operations = new LinkedHashMap<>();
  private final Consumer<String> log;
  private volatile Consumer<Call> calls = call -> {};

  public SfnApi(ApiContext ctx) {
    this(ctx, message -> System.err.println(message));
  }

  public SfnApi(ApiContext ctx, Consumer<String> log) {
    this.log = log;
    operations.put("CreateStateMachine", new CreateStateMachine(ctx));
    operations.put("DescribeStateMachine", new DescribeStateMachine(ctx));
    operations.put("UpdateStateMachine", new UpdateStateMachine(ctx));
    operations.put("DeleteStateMachine", new DeleteStateMachine(ctx));
    operations.put("ListStateMachines", new ListStateMachines(ctx));
    operations.put("PublishStateMachineVersion", new PublishStateMachineVersion(ctx));
    operations.put("ListStateMachineVersions", new ListStateMachineVersions(ctx));
    operations.put("DeleteStateMachineVersion", new DeleteStateMachineVersion(ctx));
    operations.put("CreateStateMachineAlias", new CreateStateMachineAlias(ctx));
    operations.put("DescribeStateMachineAlias", new DescribeStateMachineAlias(ctx));
    operations.put("UpdateStateMachineAlias", new UpdateStateMachineAlias(ctx));
    operations.put("DeleteStateMachineAlias", new DeleteStateMachineAlias(ctx));
    operations.put("ListStateMachineAliases", new ListStateMachineAliases(ctx));
    operations.put("ValidateStateMachineDefinition", new ValidateStateMachineDefinition());
    operations.put("StartExecution", new StartExecution(ctx));
    operations.put("StartSyncExecution", new StartSyncExecution(ctx));
    operations.put("DescribeExecution", new DescribeExecution(ctx));
    operations.put("DescribeStateMachineForExecution", new DescribeStateMachineForExecution(ctx));
    operations.put("StopExecution", new StopExecution(ctx));
    operations.put("RedriveExecution", new RedriveExecution(ctx));
    operations.put("ListExecutions", new ListExecutions(ctx));
    operations.put("GetExecutionHistory", new GetExecutionHistory(ctx));
    operations.put("DescribeMapRun", new DescribeMapRun(ctx));
    operations.put("ListMapRuns", new ListMapRuns(ctx));
    operations.put("UpdateMapRun", new UpdateMapRun(ctx));
    operations.put("SendTaskSuccess", new SendTaskSuccess(ctx));
    operations.put("SendTaskFailure", new SendTaskFailure(ctx));
    operations.put("SendTaskHeartbeat", new SendTaskHeartbeat(ctx));
    operations.put("CreateActivity", new CreateActivity(ctx));
    operations.put("DescribeActivity", new DescribeActivity(ctx));
    operations.put("DeleteActivity", new DeleteActivity(ctx));
    operations.put("ListActivities", new ListActivities(ctx));
    operations.put("GetActivityTask", new GetActivityTask(ctx));
    operations.put("TagResource", new TagResource(ctx));
    operations.put("UntagResource", new UntagResource(ctx));
    operations.put("ListTagsForResource", new ListTagsForResource(ctx));
    operations.put("TestState", new TestState(ctx));
  }

  /**
   * Replaces operation {@code name}'s handler by {@code wrapper} applied to it (serve reads
   * StartExecution's {@code #TestCase} suffix of mock configurations this way).
   */
  public SfnApi wrap(String name, UnaryOperator<Operation> wrapper) {
    Operation current = operations.get(name);
    if (current == null) {
      throw new IllegalArgumentException("no operation " + name);
    }
    operations.put(name, wrapper.apply(current));
    return this;
  }

  /** Who hears of every answered call (its listener must be quick; what it throws is dropped). */
  public SfnApi onCall(Consumer<Call> listener) {
    this.calls = listener == null ? call -> {} : listener;
    return this;
  }

  public Set<String> operations() {
    return operations.keySet();
  }

  /** Answers one request: {@code target} is the X-Amz-Target header (null when absent). */
  public Response handle(String target, byte[] body) {
    String requestId = UUID.randomUUID().toString();
    long started = System.nanoTime();
    ObjectNode parsed = null;
    ObjectNode answer = null;
    Response response;
    String errorType = null;
    try {
      Operation operation = operation(target);
      parsed = parse(body);
      answer = operation.invoke(new ApiRequest(parsed));
      response = new Response(200, Json.write(answer), requestId);
    } catch (ApiException e) {
      errorType = e.code();
      response = error(e.code(), e.getMessage(), requestId);
    } catch (RuntimeException e) {
      log.accept("request " + requestId + " (" + target + ") failed: " + e);
      errorType = ApiErrors.INTERNAL;
      response = error(ApiErrors.INTERNAL, "An internal error occurred (request " + requestId + ")", requestId);
    }
    try {
      String name = target != null && target.startsWith(TARGET_PREFIX) ? target.substring(TARGET_PREFIX.length()) : null;
      calls.accept(new Call(name, response.status(), errorType, requestId, System.nanoTime() - started, parsed, answer));
    } catch (RuntimeException ignored) {
      // a listener's failure never changes the answer
    }
    return response;
  }

  private Operation operation(String target) {
    String name = target != null && target.startsWith(TARGET_PREFIX) ? target.substring(TARGET_PREFIX.length()) : null;
    Operation operation = name == null ? null : operations.get(name);
    if (operation == null) {
      throw new ApiException(ApiErrors.UNKNOWN_OPERATION, target == null ? "Missing X-Amz-Target header" : "Unknown operation " + target);
    }
    return operation;
  }

  private static ObjectNode parse(byte[] body) {
    if (body == null || body.length == 0) {
      return Json.object();
    }
    if (body.length > MAX_BODY_BYTES) {
      throw new ApiException(ApiErrors.VALIDATION, "Request body of " + body.length + " bytes exceeds the limit of " + MAX_BODY_BYTES);
    }
    JsonNode node;
    try {
      node = Json.parse(new String(body, StandardCharsets.UTF_8));
    } catch (Json.JsonSyntaxException e) {
      throw ApiErrors.serialization("Malformed request body: " + e.getMessage());
    }
    if (!node.isObject()) {
      throw ApiErrors.serialization("Start of structure or map expected: the request body must be a JSON object");
    }
    return (ObjectNode) node;
  }

  private static Response error(String code, String message, String requestId) {
    ObjectNode body = Json.object();
    body.put("__type", ApiErrors.wireType(code));
    body.put("message", message);
    return new Response(ApiErrors.status(code), Json.write(body), requestId);
  }
}
