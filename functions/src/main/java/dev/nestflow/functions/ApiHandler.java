package dev.nestflow.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.nestflow.functions.telemetry.Telemetry;
import dev.nestflow.infrastructure.api.SfnApi;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.function.Supplier;

/**
 * The Step Functions API behind a Lambda Function URL: the request's {@code X-Amz-Target} header
 * and JSON body go to the router, its answer goes back with the JSON 1.0 content type and a request id.
 * Any other invocation is refused ({@link #viaFunctionUrl}).
 */
public final class ApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
  static {
    Priming.register(); // SnapStart: primes the runtime before the snapshot (see Priming)
  }

  private final Supplier<SfnApi> api;

  /** The Lambda entry point: the API is built from the environment on first use. */
  public ApiHandler() {
    this(Once.of(() -> Runtimes.apiFromEnvironment().onCall(Telemetry.apiCallLog())));
  }

  public ApiHandler(Supplier<SfnApi> api) {
    this.api = api;
  }

  /** The host of a Lambda Function URL: {@code <url-id>.lambda-url.<region>.on.aws}. */
  private static final Pattern FUNCTION_URL_HOST = Pattern.compile("[a-z0-9]+\\.lambda-url\\.[a-z0-9-]+\\.on\\.aws");

  @Override
  public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
    if (!viaFunctionUrl(event)) {
      return APIGatewayV2HTTPResponse.builder()
          .withStatusCode(403)
          .withHeaders(Map.of("Content-Type", SfnApi.CONTENT_TYPE, "x-amzn-RequestId", UUID.randomUUID().toString()))
          .withBody("{\"__type\":\"AccessDeniedException\",\"message\":\"The API answers only requests through its"
              + " Function URL (IAM auth), not a direct invocation\"}")
          .withIsBase64Encoded(false)
          .build();
    }
    String method = event.getRequestContext() != null && event.getRequestContext().getHttp() != null
        ? event.getRequestContext().getHttp().getMethod()
        : "POST";
    String target = header(event.getHeaders(), "x-amz-target");
    SfnApi.Response response = "POST".equalsIgnoreCase(method)
        ? api.get().handle(target, body(event))
        : api.get().handle(null, new byte[0]);
    return APIGatewayV2HTTPResponse.builder()
        .withStatusCode(response.status())
        .withHeaders(Map.of("Content-Type", SfnApi.CONTENT_TYPE, "x-amzn-RequestId", response.requestId()))
        .withBody(response.body())
        .withIsBase64Encoded(false)
        .build();
  }

  /**
   * Whether the event is a request through the function's URL with IAM auth, as Lambda builds it
   * (the URL's host, an HTTP method, the caller's IAM identity) rather than a plain
   * {@code lambda:InvokeFunction} payload, which would skip the URL's IAM check. Whoever may invoke
   * the function directly can still craft such an event: template.yaml therefore lets nothing but
   * the URL invoke it (the workflow function only the functions TaskFunctionArns lists).
   */
  static boolean viaFunctionUrl(APIGatewayV2HTTPEvent event) {
    APIGatewayV2HTTPEvent.RequestContext rc = event == null ? null : event.getRequestContext();
    return rc != null
        && rc.getHttp() != null && rc.getHttp().getMethod() != null
        && rc.getDomainName() != null && FUNCTION_URL_HOST.matcher(rc.getDomainName()).matches()
        && rc.getAuthorizer() != null && rc.getAuthorizer().getIam() != null;
  }

  private static byte[] body(APIGatewayV2HTTPEvent event) {
    String body = event.getBody();
    if (body == null) {
      return new byte[0];
    }
    return event.getIsBase64Encoded() ? Base64.getDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8);
  }

  private static String header(Map<String, String> headers, String name) {
    if (headers == null) {
      return null;
    }
    for (Map.Entry<String, String> h : headers.entrySet()) {
      if (h.getKey().equalsIgnoreCase(name)) {
        return h.getValue();
      }
    }
    return null;
  }
}
