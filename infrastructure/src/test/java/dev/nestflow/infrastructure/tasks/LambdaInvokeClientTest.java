package dev.nestflow.infrastructure.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

class LambdaInvokeClientTest {
  /** What the fake service saw of one request. */
  record Seen(String method, String rawPath, String rawQuery, Map<String, List<String>> headers, String body) {
    String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0))
          .findFirst()
          .orElse(null);
    }
  }

  /** The fake service's next answer. */
  record Answer(int status, Map<String, String> headers, String body) {}

  private HttpServer server;
  private final List<Seen> seen = new CopyOnWriteArrayList<>();
  private final AtomicReference<Answer> answer = new AtomicReference<>();
  private LambdaInvokeClient client;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::serve);
    server.start();
    client = new LambdaInvokeClient(UrlConnectionHttpClient.create(),
        StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")), Region.EU_WEST_1,
        URI.create("http://127.0.0.1:" + server.getAddress().getPort()));
  }

  @AfterEach
  void stop() {
    client.close();
    server.stop(0);
  }

  private void serve(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    seen.add(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
        exchange.getRequestURI().getRawQuery(), Map.copyOf(exchange.getRequestHeaders()), body));
    Answer a = answer.get();
    a.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
    byte[] bytes = a.body().getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(a.status(), bytes.length == 0 ? -1 : bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  @Test
  void postsAQualifiedSignedInvokeAndReturnsThePayload() {
    answer.set(new Answer(200, Map.of("X-Amz-Executed-Version", "7", "x-amzn-RequestId", "req-1",
        "Content-Type", "application/json"), "{\"ok\":true}"));

    LambdaResponse response = client.invoke(new LambdaInvocation("arn:aws:lambda:eu-west-1:123456789012:function:f",
        "prod", null, "{\"in\":1}".getBytes(StandardCharsets.UTF_8), null, null));

    assertThat(seen).hasSize(1);
    Seen request = seen.get(0);
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.rawPath())
        .isEqualTo("/2015-03-31/functions/arn%3Aaws%3Alambda%3Aeu-west-1%3A123456789012%3Afunction%3Af/invocations");
    assertThat(request.rawQuery()).isEqualTo("Qualifier=prod");
    assertThat(request.header("X-Amz-Invocation-Type")).isEqualTo("RequestResponse");
    assertThat(request.body()).isEqualTo("{\"in\":1}");
    assertThat(request.header("Authorization"))
        .startsWith("AWS4-HMAC-SHA256 Credential=AKIDTEST/")
        .contains("/eu-west-1/lambda/aws4_request,")
        .contains("SignedHeaders=")
        .contains("Signature=");
    assertThat(request.header("X-Amz-Date")).isNotNull();
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.payloadText()).isEqualTo("{\"ok\":true}");
    assertThat(response.executedVersion()).isEqualTo("7");
    assertThat(response.requestId()).isEqualTo("req-1");
    assertThat(response.failed()).isFalse();
  }

  @Test
  void sendsNoQualifierWhenNoneIsGivenAndPassesClientContextAndLogType() {
    answer.set(new Answer(200, Map.of("X-Amz-Log-Result", "bG9n"), "null"));

    LambdaResponse response = client.invoke(new LambdaInvocation("f", null, null, new byte[0], "Y3R4", "Tail"));

    Seen request = seen.get(0);
    assertThat(request.rawPath()).isEqualTo("/2015-03-31/functions/f/invocations");
    assertThat(request.rawQuery()).isNull();
    assertThat(request.header("X-Amz-Client-Context")).isEqualTo("Y3R4");
    assertThat(request.header("X-Amz-Log-Type")).isEqualTo("Tail");
    assertThat(response.logResult()).isEqualTo("bG9n");
  }

  @Test
  void aFunctionErrorIsAResponseWithTheErrorDocument() {
    answer.set(new Answer(200, Map.of("X-Amz-Function-Error", "Unhandled", "X-Amz-Executed-Version", "$LATEST"),
        "{\"errorMessage\":\"boom\",\"errorType\":\"IllegalStateException\"}"));

    LambdaResponse response = client.invoke(LambdaInvocation.of("f", "{}"));

    assertThat(response.failed()).isTrue();
    assertThat(response.functionError()).isEqualTo("Unhandled");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.payloadText()).contains("\"errorMessage\":\"boom\"");
  }

  @Test
  void aMissingFunctionIsAServiceExceptionWithTheServiceErrorCode() {
    answer.set(new Answer(404, Map.of("x-amzn-ErrorType", "ResourceNotFoundException:http://internal.amazon.com/",
        "x-amzn-RequestId", "req-404"),
        "{\"Type\":\"User\",\"message\":\"Function not found: arn:aws:lambda:eu-west-1:123456789012:function:nope\"}"));

    assertThatThrownBy(() -> client.invoke(LambdaInvocation.of("nope", "{}")))
        .isInstanceOfSatisfying(LambdaServiceException.class, e -> {
          assertThat(e.errorCode()).isEqualTo("ResourceNotFoundException");
          assertThat(e.statusCode()).isEqualTo(404);
          assertThat(e.getMessage()).isEqualTo("Function not found: arn:aws:lambda:eu-west-1:123456789012:function:nope");
          assertThat(e.requestId()).isEqualTo("req-404");
        });
    assertThat(seen).hasSize(1);
  }

  @Test
  void theErrorCodeComesFromTheBodyWhenTheHeaderIsMissing() {
    answer.set(new Answer(400, Map.of(), "{\"__type\":\"com.amazon#InvalidRequestContentException\",\"Message\":\"bad\"}"));

    assertThatThrownBy(() -> client.invoke(LambdaInvocation.of("f", "{")))
        .isInstanceOfSatisfying(LambdaServiceException.class, e -> {
          assertThat(e.errorCode()).isEqualTo("InvalidRequestContentException");
          assertThat(e.getMessage()).isEqualTo("bad");
          assertThat(e.statusCode()).isEqualTo(400);
        });
  }

  @Test
  void throttlingIsReportedAtOnceAsTooManyRequestsWithoutASecondCall() {
    answer.set(new Answer(429, Map.of("x-amzn-ErrorType", "TooManyRequestsException"),
        "{\"Reason\":\"ReservedFunctionConcurrentInvocationLimitExceeded\",\"message\":\"Rate Exceeded.\"}"));

    assertThatThrownBy(() -> client.invoke(LambdaInvocation.of("f", "{}")))
        .isInstanceOfSatisfying(LambdaServiceException.class, e -> {
          assertThat(e.errorCode()).isEqualTo("TooManyRequestsException");
          assertThat(e.statusCode()).isEqualTo(429);
          assertThat(e.getMessage()).isEqualTo("Rate Exceeded.");
        });
    assertThat(seen).hasSize(1);
  }

  @Test
  void anUnreachableServiceIsAClientException() {
    int port = server.getAddress().getPort();
    server.stop(0);
    LambdaInvokeClient unreachable = new LambdaInvokeClient(UrlConnectionHttpClient.create(),
        StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")), Region.US_EAST_1,
        URI.create("http://127.0.0.1:" + port));

    assertThatThrownBy(() -> unreachable.invoke(LambdaInvocation.of("f", "{}")))
        .isInstanceOfSatisfying(LambdaServiceException.class, e -> {
          assertThat(e.errorCode()).isEqualTo("SdkClientException");
          assertThat(e.statusCode()).isZero();
        });
  }

  @Test
  void aServerErrorIsReportedAfterOneCallBecauseTheFunctionMayHaveRun() {
    answer.set(new Answer(500, Map.of("x-amzn-ErrorType", "ServiceException"), "{\"message\":\"internal\"}"));

    assertThatThrownBy(() -> client.invoke(LambdaInvocation.of("f", "{}")))
        .isInstanceOfSatisfying(LambdaServiceException.class, e -> assertThat(e.errorCode()).isEqualTo("ServiceException"));
    assertThat(seen).hasSize(1);
  }

  @Test
  void theInvokeHttpClientWaitsAsLongAsLambdaLetsAFunctionRun() {
    assertThat(LambdaInvokeClient.READ_TIMEOUT).isGreaterThan(LambdaInvokeClient.LONGEST_RUN);
    assertThat(LambdaInvokeClient.LONGEST_RUN).hasMinutes(15);
  }

  @Test
  void theConfiguredTimeoutComesFromGetFunctionConfiguration() {
    answer.set(new Answer(200, Map.of(), "{\"FunctionName\":\"f\",\"Timeout\":42,\"MemorySize\":128}"));

    assertThat(client.configuredTimeout("arn:aws:lambda:eu-west-1:123456789012:function:f", "live"))
        .contains(java.time.Duration.ofSeconds(42));
    Seen request = seen.get(0);
    assertThat(request.method()).isEqualTo("GET");
    assertThat(request.rawPath())
        .isEqualTo("/2015-03-31/functions/arn%3Aaws%3Alambda%3Aeu-west-1%3A123456789012%3Afunction%3Af/configuration");
    assertThat(request.rawQuery()).isEqualTo("Qualifier=live");
    assertThat(request.header("Authorization")).contains("/eu-west-1/lambda/aws4_request,");
  }

  @Test
  void awsLambdaFunctionsKeepsAFunctionsTimeoutAndKnowsNoneWhenRefused() {
    answer.set(new Answer(200, Map.of(), "{\"Timeout\":7}"));
    AwsLambdaFunctions functions = AwsLambdaFunctions.over(client);

    assertThat(functions.longestRun("f", null)).contains(java.time.Duration.ofSeconds(7));
    assertThat(functions.longestRun("f", null)).contains(java.time.Duration.ofSeconds(7));
    assertThat(seen).hasSize(1);
    answer.set(new Answer(403, Map.of("x-amzn-ErrorType", "AccessDeniedException"), "{\"message\":\"no\"}"));
    assertThat(functions.longestRun("g", null)).isEmpty();
  }

  @Test
  void theDefaultEndpointIsTheRegionalLambdaEndpoint() {
    assertThat(LambdaInvokeClient.defaultEndpoint(Region.US_EAST_1)).hasToString("https://lambda.us-east-1.amazonaws.com");
    assertThat(LambdaInvokeClient.defaultEndpoint(Region.CN_NORTH_1))
        .hasToString("https://lambda.cn-north-1.amazonaws.com.cn");
  }

  @Test
  void awsLambdaFunctionsDelegatesToTheInvokeClient() {
    answer.set(new Answer(200, Map.of(), "\"hi\""));
    AwsLambdaFunctions functions = AwsLambdaFunctions.over(client);

    assertThat(functions.invoke(LambdaInvocation.of("f", "{}")).payloadText()).isEqualTo("\"hi\"");
  }
}
