package dev.nestflow.infrastructure.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Lambda functions as Java handlers in this process (embedded mode, tests): the Invoke API's
 * behaviour around them (name forms and qualifiers, empty payload = {@code {}}, payloads that are
 * not JSON refused, Event/DryRun invocation types, the response headers) without a Lambda service.
 */
public final class LocalFunctions implements LambdaFunction {

  /** A function: gets the request body (never empty, always JSON) and returns the response body. */
  @FunctionalInterface
  public interface Handler {
    byte[] handle(byte[] event, Context context) throws FunctionError;
  }

  /** What a running handler knows about its invocation. */
  public record Context(String functionName, String functionArn, String version, String requestId, String clientContext) {}

  /**
   * The function raised an error; {@code payload} is the runtime's error document (typically
   * {@code {"errorMessage","errorType","requestId","stackTrace"}}), returned with FunctionError
   * {@code Unhandled}.
   */
  public static final class FunctionError extends Exception {
    private final byte[] payload;

    public FunctionError(byte[] payload) {
      super(null, null, false, false);
      this.payload = payload.clone();
    }

    public byte[] payload() {
      return payload.clone();
    }
  }

  private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
  private static final String LATEST = "$LATEST";

  private final String region;
  private final String account;
  private final Clock clock;
  private final Supplier<String> requestIds;
  private final Map<String, Handler> handlers = new ConcurrentHashMap<>();

  public LocalFunctions(String region, String account, Clock clock, Supplier<String> requestIds) {
    this.region = region;
    this.account = account;
    this.clock = clock;
    this.requestIds = requestIds;
  }

  public LocalFunctions(String region, String account) {
    this(region, account, Clock.systemUTC(), () -> UUID.randomUUID().toString());
  }

  /** Adds (or replaces) the function {@code name}; returns this registry. */
  public LocalFunctions register(String name, Handler handler) {
    handlers.put(name, handler);
    return this;
  }

  /** Whether a function of this name (any name form: name, partial or full ARN) is registered. */
  public boolean has(String functionName) {
    return handlers.containsKey(LambdaFunctionName.parse(functionName).name());
  }

  /**
   * A handler from a function of the event's JSON value: the result is written as compact JSON; an
   * exception becomes an error document shaped as the Java runtime writes it.
   */
  public static Handler json(Function<JsonNode, JsonNode> function) {
    return (event, context) -> {
      JsonNode result;
      try {
        result = function.apply(Json.parse(new String(event, StandardCharsets.UTF_8)));
      } catch (RuntimeException e) {
        throw new FunctionError(javaErrorDocument(e, context.requestId()));
      }
      return Json.write(result == null ? Json.NODES.nullNode() : result).getBytes(StandardCharsets.UTF_8);
    };
  }

  @Override
  public LambdaResponse invoke(LambdaInvocation call) {
    String requestId = requestIds.get();
    LambdaFunctionName name = LambdaFunctionName.parse(call.functionName());
    if (name.qualifier() != null && call.qualifier() != null && !name.qualifier().equals(call.qualifier())) {
      throw new LambdaServiceException("InvalidParameterValueException", 400,
          "The derived qualifier from the function name does not match the specified qualifier.", requestId);
    }
    String qualifier = name.qualifierOr(call.qualifier());
    Handler handler = handlers.get(name.name());
    if (handler == null) {
      throw new LambdaServiceException("ResourceNotFoundException", 404,
          "Function not found: " + name.arn("aws", region, account, qualifier == null ? LATEST : qualifier), requestId);
    }
    byte[] event = call.payload().length == 0 ? "{}".getBytes(StandardCharsets.UTF_8) : call.payload();
    try {
      Json.parse(new String(event, StandardCharsets.UTF_8));
    } catch (Json.JsonSyntaxException e) {
      throw new LambdaServiceException("InvalidRequestContentException", 400,
          "Could not parse request body into json: Could not parse payload into json: " + e.getMessage(), requestId);
    }
    String version = qualifier != null && qualifier.chars().allMatch(Character::isDigit) ? qualifier : LATEST;
    Context context = new Context(name.name(), name.arn("aws", region, account, qualifier), version, requestId,
        call.clientContext());
    switch (call.invocationType()) {
      case LambdaInvocation.DRY_RUN:
        return new LambdaResponse(204, null, null, new byte[0], null, requestId, headers(null, 0, requestId, null));
      case LambdaInvocation.EVENT:
        run(handler, event, context);
        return new LambdaResponse(202, null, null, new byte[0], null, requestId, headers(null, 0, requestId, null));
      default:
        break;
    }
    Outcome outcome = run(handler, event, context);
    String logResult = "Tail".equals(call.logType()) ? logTail(requestId, version) : null;
    return new LambdaResponse(200, version, outcome.functionError(), outcome.payload(), logResult, requestId,
        headers(version, outcome.payload().length, requestId, logResult));
  }

  private record Outcome(byte[] payload, String functionError) {}

  private static Outcome run(Handler handler, byte[] event, Context context) {
    try {
      return new Outcome(handler.handle(event, context), null);
    } catch (FunctionError e) {
      return new Outcome(e.payload(), "Unhandled");
    } catch (RuntimeException e) {
      return new Outcome(javaErrorDocument(e, context.requestId()), "Unhandled");
    }
  }

  private static byte[] javaErrorDocument(RuntimeException e, String requestId) {
    ObjectNode doc = Json.object();
    doc.put("errorMessage", e.getMessage());
    doc.put("errorType", e.getClass().getName());
    doc.put("requestId", requestId);
    doc.set("stackTrace", Json.array());
    return Json.write(doc).getBytes(StandardCharsets.UTF_8);
  }

  /** The response headers the Lambda service sends, in its order. */
  private Map<String, List<String>> headers(String version, int contentLength, String requestId, String logResult) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    if (logResult != null) {
      headers.put("X-Amz-Log-Result", List.of(logResult));
    }
    if (version != null) {
      headers.put("X-Amz-Executed-Version", List.of(version));
    }
    headers.put("x-amzn-Remapped-Content-Length", List.of("0"));
    headers.put("Connection", List.of("keep-alive"));
    headers.put("x-amzn-RequestId", List.of(requestId));
    headers.put("Content-Length", List.of(Integer.toString(contentLength)));
    headers.put("Date", List.of(HTTP_DATE.format(clock.instant())));
    headers.put("X-Amzn-Trace-Id", List.of("Root=1-" + Long.toHexString(clock.millis() / 1000) + "-"
        + requestId.replace("-", "").substring(0, Math.min(24, requestId.replace("-", "").length())) + ";Sampled=0"));
    headers.put("Content-Type", List.of("application/json"));
    return headers;
  }

  private static String logTail(String requestId, String version) {
    String log = "START RequestId: " + requestId + " Version: " + version + "\n"
        + "END RequestId: " + requestId + "\n"
        + "REPORT RequestId: " + requestId + "\tDuration: 1.00 ms\tBilled Duration: 1 ms\t"
        + "Memory Size: 128 MB\tMax Memory Used: 32 MB\t\n";
    return Base64.getEncoder().encodeToString(log.getBytes(StandardCharsets.UTF_8));
  }
}
