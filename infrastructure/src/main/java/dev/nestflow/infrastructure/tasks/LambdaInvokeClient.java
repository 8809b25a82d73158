package dev.nestflow.infrastructure.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nestflow.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.IdentityProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/**
 * The one Lambda API call the engine makes, Invoke ({@code POST /2015-03-31/functions/{name}/invocations}),
 * signed with SigV4 (service {@value #SIGNING_NAME}) and sent through any SDK HTTP client. It replaces
 * the generated Lambda SDK client, which brought ~3 MB of model classes for one operation into the
 * Lambda jar.
 *
 * <p>One call is one invocation, as Step Functions makes it: nothing is retried here (not a throttle,
 * not a 5xx, not a broken connection), because a call whose answer was lost may have run the
 * function, and a second try would run it again. Retrying is the state machine's business (its
 * {@code Retry} on {@code Lambda.ServiceException}, {@code Lambda.TooManyRequestsException}...). The
 * HTTP client must wait for a function as long as Lambda lets one run (15 minutes): {@link
 * #httpClient()} builds one that does; the SDK's default (30 s) would fail a 35 s function with a
 * read timeout after it ran.
 *
 * <p>A refused call is a {@link LambdaServiceException} carrying the service's error code (header
 * {@code x-amzn-ErrorType}, or {@code __type}/{@code code} in the body), message, status and request
 * id; a transport failure is one with code {@code SdkClientException} and status 0.
 */
public final class LambdaInvokeClient implements AutoCloseable {
  static final String SIGNING_NAME = "lambda";
  /** The longest a function may run (Lambda's limit), so the longest an Invoke call may wait. */
  public static final Duration LONGEST_RUN = Duration.ofMinutes(15);
  /**
   * How long a call waits for the response: Lambda's limit plus time for the service to answer
   * after the function ended (a function that hits its own timeout is answered as a function error).
   */
  public static final Duration READ_TIMEOUT = LONGEST_RUN.plusSeconds(30);
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  private final SdkHttpClient http;
  private final IdentityProvider<? extends AwsCredentialsIdentity> credentials;
  private final String region;
  private final URI endpoint;
  private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

  /**
   * @param http the HTTP client (closed with this client); it must wait for a response for at least
   *     {@link #READ_TIMEOUT} (see {@link #httpClient()})
   * @param credentials the credentials to sign with
   * @param region the region (signing scope, and the default endpoint {@code https://lambda.<region>.<domain>})
   * @param endpoint an endpoint override (emulators, tests), or null
   */
  public LambdaInvokeClient(SdkHttpClient http, IdentityProvider<? extends AwsCredentialsIdentity> credentials,
      Region region, URI endpoint) {
    this.http = http;
    this.credentials = credentials;
    this.region = region.id();
    this.endpoint = endpoint != null ? endpoint : defaultEndpoint(region);
  }

  /** A client over its own {@link #httpClient()}. */
  public LambdaInvokeClient(IdentityProvider<? extends AwsCredentialsIdentity> credentials, Region region, URI endpoint) {
    this(httpClient(), credentials, region, endpoint);
  }

  /**
   * An HTTP client for Invoke: it waits {@link #READ_TIMEOUT} for a response. Its own client, not the
   * one DynamoDB and SQS share, whose short read timeout is right for them.
   */
  public static SdkHttpClient httpClient() {
    return UrlConnectionHttpClient.builder().socketTimeout(READ_TIMEOUT).connectionTimeout(CONNECT_TIMEOUT).build();
  }

  /** {@code https://lambda.<region>.amazonaws.com} (or the region's partition domain). */
  static URI defaultEndpoint(Region region) {
    String domain = region.metadata() != null ? region.metadata().domain() : "amazonaws.com";
    return URI.create("https://" + SIGNING_NAME + "." + region.id() + "." + domain);
  }

  public URI endpoint() {
    return endpoint;
  }

  /**
   * Invokes the function once; a refused call (or one whose answer never came) throws {@link
   * LambdaServiceException}.
   */
  public LambdaResponse invoke(LambdaInvocation call) {
    return send(request(call), call.payload());
  }

  /**
   * The function's configured timeout (GetFunctionConfiguration's {@code Timeout}): no invocation of
   * it runs longer. Empty when the answer has none; a refused call throws {@link
   * LambdaServiceException}.
   */
  public Optional<Duration> configuredTimeout(String functionName, String qualifier) {
    String basePath = endpoint.getRawPath() == null || endpoint.getRawPath().equals("/") ? "" : endpoint.getRawPath();
    SdkHttpFullRequest.Builder request = SdkHttpFullRequest.builder()
        .method(SdkHttpMethod.GET)
        .uri(endpoint)
        .encodedPath(basePath + "/2015-03-31/functions/" + SdkHttpUtils.urlEncode(functionName) + "/configuration");
    if (qualifier != null) {
      request.putRawQueryParameter("Qualifier", qualifier);
    }
    LambdaResponse response = send(request.build(), null);
    JsonNode timeout = parseQuietly(response.payload()) == null ? null : parseQuietly(response.payload()).get("Timeout");
    return timeout != null && timeout.canConvertToInt() ? Optional.of(Duration.ofSeconds(timeout.asInt())) : Optional.empty();
  }

  SdkHttpFullRequest request(LambdaInvocation call) {
    String basePath = endpoint.getRawPath() == null || endpoint.getRawPath().equals("/") ? "" : endpoint.getRawPath();
    SdkHttpFullRequest.Builder request = SdkHttpFullRequest.builder()
        .method(SdkHttpMethod.POST)
        .uri(endpoint)
        .encodedPath(basePath + "/2015-03-31/functions/" + SdkHttpUtils.urlEncode(call.functionName()) + "/invocations")
        .putHeader("X-Amz-Invocation-Type", call.invocationType())
        .putHeader("Content-Type", "binary/octet-stream")
        .putHeader("Content-Length", Integer.toString(call.payload().length));
    if (call.qualifier() != null) {
      request.putRawQueryParameter("Qualifier", call.qualifier());
    }
    if (call.clientContext() != null) {
      request.putHeader("X-Amz-Client-Context", call.clientContext());
    }
    if (call.logType() != null) {
      request.putHeader("X-Amz-Log-Type", call.logType());
    }
    return request.build();
  }

  /** Sends the request with {@code payload} as its body (null: none, a GET). */
  private LambdaResponse send(SdkHttpFullRequest request, byte[] payload) {
    ContentStreamProvider body = payload == null ? null : ContentStreamProvider.fromByteArrayUnsafe(payload);
    HttpExecuteResponse response;
    byte[] bytes;
    AwsCredentialsIdentity identity;
    try {
      identity = credentials.resolveIdentity().join();
    } catch (RuntimeException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new LambdaServiceException("SdkClientException", 0, "Unable to load credentials: " + cause.getMessage(),
          null);
    }
    try {
      SignedRequest signed = signer.sign(r -> r.identity(identity)
          .request(request)
          .payload(body)
          .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, SIGNING_NAME)
          .putProperty(AwsV4HttpSigner.REGION_NAME, region));
      SdkHttpRequest signedRequest = signed.request();
      HttpExecuteRequest.Builder execute = HttpExecuteRequest.builder().request(signedRequest);
      if (body != null) {
        execute.contentStreamProvider(signed.payload().orElse(body));
      }
      response = http.prepareRequest(execute.build()).call();
      bytes = readBody(response);
    } catch (IOException | UncheckedIOException e) {
      throw new LambdaServiceException("SdkClientException", 0, "Unable to execute HTTP request: " + e.getMessage(),
          null);
    }
    SdkHttpResponse answer = response.httpResponse();
    String requestId = requestId(answer);
    if (!answer.isSuccessful()) {
      throw serviceError(answer, bytes, requestId);
    }
    Map<String, List<String>> headers = new LinkedHashMap<>(answer.headers());
    return new LambdaResponse(
        answer.statusCode(),
        answer.firstMatchingHeader("X-Amz-Executed-Version").orElse(null),
        answer.firstMatchingHeader("X-Amz-Function-Error").orElse(null),
        bytes,
        answer.firstMatchingHeader("X-Amz-Log-Result").orElse(null),
        requestId,
        headers);
  }

  private static byte[] readBody(HttpExecuteResponse response) throws IOException {
    if (response.responseBody().isEmpty()) {
      return new byte[0];
    }
    try (InputStream in = response.responseBody().get()) {
      return in.readAllBytes();
    }
  }

  private static String requestId(SdkHttpResponse http) {
    return http.firstMatchingHeader("x-amzn-RequestId")
        .or(() -> http.firstMatchingHeader("x-amz-request-id"))
        .orElse(null);
  }

  /** The service's error: code from {@code x-amzn-ErrorType} or the body, message from the header or the body. */
  static LambdaServiceException serviceError(SdkHttpResponse http, byte[] body, String requestId) {
    JsonNode document = parseQuietly(body);
    String code = http.firstMatchingHeader("x-amzn-ErrorType")
        .map(LambdaInvokeClient::beforeColon)
        .orElseGet(() -> firstText(document, "__type", "code"));
    if (code != null) {
      int hash = code.lastIndexOf('#');
      code = hash >= 0 ? code.substring(hash + 1) : code;
    }
    if (code == null || code.isEmpty()) {
      code = "AWSLambdaException";
    }
    String message = http.firstMatchingHeader("x-amzn-error-message")
        .orElseGet(() -> firstText(document, "message", "Message", "errorMessage"));
    return new LambdaServiceException(code, http.statusCode(), message, requestId);
  }

  private static String beforeColon(String value) {
    int colon = value.indexOf(':');
    return (colon >= 0 ? value.substring(0, colon) : value).trim();
  }

  private static JsonNode parseQuietly(byte[] body) {
    if (body.length == 0) {
      return null;
    }
    try {
      return Json.MAPPER.readTree(body);
    } catch (IOException | RuntimeException notJson) {
      return null;
    }
  }

  private static String firstText(JsonNode document, String... fields) {
    if (document == null || !document.isObject()) {
      return null;
    }
    for (String field : fields) {
      JsonNode value = document.get(field);
      if (value != null && value.isTextual()) {
        return value.asText();
      }
    }
    return null;
  }

  @Override
  public void close() {
    http.close();
  }
}
