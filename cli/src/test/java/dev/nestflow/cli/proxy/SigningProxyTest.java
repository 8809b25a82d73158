package dev.nestflow.cli.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.SfnException;
import software.amazon.awssdk.services.sfn.model.StartExecutionResponse;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;

class SigningProxyTest {
  private static final String JSON = "application/x-amz-json-1.0";
  private static final String MACHINE = "arn:aws:states:eu-west-2:123456789012:stateMachine:Hello";
  /** The proxy user's credentials: what the Function URL must see. */
  private static final AwsCredentials PROXY_USER = AwsBasicCredentials.create("AKIDPROXYUSER", "proxy-user-secret");
  /** The client's own (fake) credentials, which must not reach the Function URL. */
  private static final AwsCredentials CLIENT = AwsBasicCredentials.create("AKIDCLIENT", "client-secret");

  /** What the SDK client put on the wire, as seen by an interceptor. */
  record Sent(String target, byte[] body) {}

  private FakeFunctionUrl functionUrl;
  private SigningProxy proxy;
  private final List<Sent> sent = new CopyOnWriteArrayList<>();
  private final List<String> log = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws IOException {
    functionUrl = new FakeFunctionUrl();
    proxy = proxyTo(functionUrl.url(), PROXY_USER);
  }

  @AfterEach
  void stop() {
    proxy.close();
    functionUrl.close();
  }

  private SigningProxy proxyTo(URI url, AwsCredentials credentials) throws IOException {
    return new SigningProxy(new FunctionUrlForwarder(url, Region.EU_WEST_2, StaticCredentialsProvider.create(credentials)),
        0, log::add);
  }

  private SfnClient client() {
    return SfnClient.builder()
        .endpointOverride(URI.create("http://127.0.0.1:" + proxy.port()))
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(CLIENT))
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()).addExecutionInterceptor(new Recorder()))
        .build();
  }

  /** Records the target and body the client sent. */
  private final class Recorder implements ExecutionInterceptor {
    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
      byte[] body = context.requestBody().map(b -> {
        try (InputStream in = b.contentStreamProvider().newStream()) {
          return in.readAllBytes();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }).orElse(new byte[0]);
      sent.add(new Sent(context.httpRequest().firstMatchingHeader("X-Amz-Target").orElse(null), body));
    }
  }

  @Test
  void forwardsTheCallSignedForLambdaAndTheClientGetsTheAnswer() {
    functionUrl.answerWith(200, Map.of("Content-Type", JSON),
        "{\"executionArn\":\"arn:aws:states:eu-west-2:123456789012:execution:Hello:first\",\"startDate\":1767225600.5}");

    StartExecutionResponse response;
    try (SfnClient sfn = client()) {
      response = sfn.startExecution(b -> b.stateMachineArn(MACHINE).name("first").input("{\"n\":1}"));
    }

    assertThat(response.executionArn()).isEqualTo("arn:aws:states:eu-west-2:123456789012:execution:Hello:first");
    assertThat(response.sdkHttpResponse().firstMatchingHeader("x-amzn-RequestId")).contains("fake-request-id");
    assertThat(functionUrl.received()).hasSize(1);
    FakeFunctionUrl.Received r = functionUrl.received().get(0);
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.header("Authorization"))
        .startsWith("AWS4-HMAC-SHA256 Credential=AKIDPROXYUSER/")
        .contains("/eu-west-2/lambda/aws4_request,");
    assertThat(r.header("X-Amz-Target")).isEqualTo("AWSStepFunctions.StartExecution").isEqualTo(sent.get(0).target());
    assertThat(r.header("Content-Type")).isEqualTo(JSON);
    assertThat(r.body()).isEqualTo(sent.get(0).body());
    assertThat(r.bodyText()).contains("\"input\":\"{\\\"n\\\":1}\"");
  }

  @Test
  void signatureIsAValidSigV4ForLambdaOverExactlyWhatArrived() {
    try (SfnClient sfn = client()) {
      sfn.listStateMachines();
    }
    FakeFunctionUrl.Received r = functionUrl.received().get(0);
    assertThat(r.header("Authorization")).isEqualTo(r.expectedAuthorization(PROXY_USER, "eu-west-2", "lambda"));
    assertThat(r.header("Authorization").split("SignedHeaders=")[1].split(",")[0].split(";"))
        .contains("content-type", "host", "x-amz-date", "x-amz-target");
  }

  @Test
  void sessionCredentialsSendTheirTokenSigned() throws IOException {
    proxy.close();
    AwsSessionCredentials session = AwsSessionCredentials.create("ASIASESSION", "session-secret", "the-session-token");
    proxy = proxyTo(functionUrl.url(), session);
    try (SfnClient sfn = client()) {
      sfn.listStateMachines();
    }
    FakeFunctionUrl.Received r = functionUrl.received().get(0);
    assertThat(r.header("X-Amz-Security-Token")).isEqualTo("the-session-token");
    assertThat(r.header("Authorization")).contains("x-amz-security-token")
        .isEqualTo(r.expectedAuthorization(session, "eu-west-2", "lambda"));
  }

  @Test
  void anApiErrorReachesTheClientAsItsException() {
    functionUrl.answerWith(400, Map.of("Content-Type", JSON),
        "{\"__type\":\"com.amazonaws.swf.service.v2.model#StateMachineDoesNotExist\","
            + "\"message\":\"State Machine Does Not Exist: '" + MACHINE + "'\"}");
    try (SfnClient sfn = client()) {
      assertThatThrownBy(() -> sfn.startExecution(b -> b.stateMachineArn(MACHINE)))
          .isInstanceOfSatisfying(StateMachineDoesNotExistException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("State Machine Does Not Exist: '" + MACHINE + "'");
            assertThat(e.requestId()).isEqualTo("fake-request-id");
          });
    }
  }

  @Test
  void aRefusalByTheFunctionUrlReachesTheClientWithItsErrorType() {
    functionUrl.answerWith(403, Map.of("Content-Type", "application/json", "x-amzn-ErrorType", "AccessDeniedException"),
        "{\"Message\":\"Forbidden\"}");
    try (SfnClient sfn = client()) {
      assertThatThrownBy(sfn::listStateMachines)
          .isInstanceOfSatisfying(SfnException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(403);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
          });
    }
  }

  @Test
  void anUnreachableFunctionUrlIsAServiceErrorNamingIt() throws IOException {
    URI gone = functionUrl.url();
    functionUrl.close();
    proxy.close();
    proxy = proxyTo(gone, PROXY_USER);
    try (SfnClient sfn = client()) {
      assertThatThrownBy(sfn::listStateMachines)
          .isInstanceOfSatisfying(SfnException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(502);
            assertThat(e.awsErrorDetails().errorMessage()).contains("cannot reach " + gone);
          });
    }
    assertThat(log).anyMatch(line -> line.contains("cannot reach " + gone));
  }

  @Test
  void missingCredentialsAreARefusalSayingSoAndNothingIsSent() throws IOException {
    proxy.close();
    proxy = new SigningProxy(new FunctionUrlForwarder(functionUrl.url(), Region.EU_WEST_2, () -> {
      throw SdkClientException.create("Unable to load credentials from any of the providers in the chain");
    }), 0, log::add);
    try (SfnClient sfn = client()) {
      assertThatThrownBy(sfn::listStateMachines)
          .isInstanceOfSatisfying(SfnException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(403);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("MissingAuthenticationTokenException");
            assertThat(e.awsErrorDetails().errorMessage()).contains("Unable to load credentials");
          });
    }
    assertThat(functionUrl.received()).isEmpty();
  }

  @Test
  void theConsoleIsServedByTheProxyAndItsGraphComesFromSignedApiCalls() throws Exception {
    java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    java.net.http.HttpResponse<String> page = http.send(java.net.http.HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + proxy.port() + "/")).GET().build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("nestflow console");
    assertThat(functionUrl.received()).isEmpty();

    functionUrl.answerWith(200, Map.of("Content-Type", JSON), "{\"definition\":"
        + "\"{\\\"StartAt\\\":\\\"Hello\\\",\\\"States\\\":{\\\"Hello\\\":{\\\"Type\\\":\\\"Pass\\\",\\\"End\\\":true}}}\"}");
    java.net.http.HttpResponse<String> graph = http.send(java.net.http.HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + proxy.port() + "/console/graph.svg?stateMachine=" + MACHINE)).GET().build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(graph.statusCode()).as(graph.body()).isEqualTo(200);
    assertThat(graph.body()).contains("data-state=\"Hello\"");
    FakeFunctionUrl.Received r = functionUrl.received().get(0);
    assertThat(r.header("X-Amz-Target")).isEqualTo("AWSStepFunctions.DescribeStateMachine");
    assertThat(r.header("Authorization")).isEqualTo(r.expectedAuthorization(PROXY_USER, "eu-west-2", "lambda"));
  }
}
