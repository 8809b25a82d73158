package dev.nestflow.infrastructure.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.StateMachineListItem;

class FunctionUrlSigningTest {
  private static final AwsBasicCredentials CREDENTIALS = AwsBasicCredentials.create("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");

  /** One request as the server received it. */
  record Received(String method, String path, Map<String, String> headers, byte[] body) {
    String header(String name) {
      return headers.get(name.toLowerCase());
    }
  }

  private HttpServer server;
  private final List<Received> received = new CopyOnWriteArrayList<>();

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::answer);
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  private void answer(HttpExchange exchange) throws IOException {
    try (exchange) {
      Map<String, String> headers = new TreeMap<>();
      exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
      received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), headers,
          exchange.getRequestBody().readAllBytes()));
      byte[] body = ("{\"stateMachines\":[{\"stateMachineArn\":\"arn:aws:states:eu-west-2:123456789012:stateMachine:Hello\","
          + "\"name\":\"Hello\",\"type\":\"STANDARD\",\"creationDate\":1767225600}]}").getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.0");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  private SfnClient client(Region region) {
    return FunctionUrlSigning.configure(SfnClient.builder(), endpoint(), region)
        .credentialsProvider(StaticCredentialsProvider.create(CREDENTIALS))
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .build();
  }

  @Test
  void stepFunctionsClientSignsForLambdaInTheFunctionsRegion() {
    try (SfnClient sfn = client(Region.EU_WEST_2)) {
      List<StateMachineListItem> machines = sfn.listStateMachines().stateMachines();
      assertThat(machines).extracting(StateMachineListItem::name).containsExactly("Hello");
    }
    assertThat(received).hasSize(1);
    Received r = received.get(0);
    assertThat(r.header("Authorization"))
        .startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/")
        .contains("/eu-west-2/lambda/aws4_request,");
    assertThat(r.header("X-Amz-Target")).isEqualTo("AWSStepFunctions.ListStateMachines");
  }

  @Test
  void signatureIsTheOneSigV4ComputesForLambdaOverWhatArrived() {
    try (SfnClient sfn = client(Region.EU_WEST_2)) {
      sfn.startExecution(b -> b.stateMachineArn("arn:aws:states:eu-west-2:123456789012:stateMachine:Hello").input("{\"n\":1}"));
    } catch (RuntimeException ignoredCannedAnswerDoesNotFit) {
      // the canned answer is a list of machines; only the request matters here
    }
    Received r = received.get(0);
    assertThat(r.header("Authorization")).isEqualTo(expectedAuthorization(r, "eu-west-2", "lambda"));
    assertThat(r.header("Authorization")).isNotEqualTo(expectedAuthorization(r, "eu-west-2", "states"));
  }

  @Test
  void startSyncExecutionGoesToTheUrlItselfWithoutTheSyncHostPrefix() {
    try (SfnClient sfn = client(Region.EU_WEST_2)) {
      sfn.startSyncExecution(b -> b.stateMachineArn("arn:aws:states:eu-west-2:123456789012:stateMachine:Hello"));
    } catch (RuntimeException ignoredCannedAnswerDoesNotFit) {
      // only the request matters
    }
    assertThat(received).hasSize(1);
    assertThat(received.get(0).header("Host")).isEqualTo("127.0.0.1:" + server.getAddress().getPort());
  }

  @Test
  void regionComesFromTheFunctionUrlsHost() {
    assertThat(FunctionUrlSigning.regionOf(URI.create("https://abcdefghijklmnopqrstuvwxyz012345.lambda-url.ap-southeast-2.on.aws/")))
        .contains(Region.AP_SOUTHEAST_2);
    assertThat(FunctionUrlSigning.regionOf(URI.create("https://abc123.lambda-url.us-gov-west-1.on.aws")))
        .contains(Region.US_GOV_WEST_1);
    assertThat(FunctionUrlSigning.regionOf(URI.create("http://127.0.0.1:8083"))).isEmpty();
    assertThat(FunctionUrlSigning.regionOf(URI.create("https://example.com/x.lambda-url.us-east-1.on.aws"))).isEmpty();
  }

  @Test
  void configuringWithAUrlThatNamesNoRegionIsRefused() {
    assertThatThrownBy(() -> FunctionUrlSigning.configure(SfnClient.builder(), URI.create("http://127.0.0.1:8083")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("give the region");
  }

  /** Re-signs what the server received, at the request's own X-Amz-Date, for {@code service}. */
  private static String expectedAuthorization(Received r, String region, String service) {
    String[] parts = r.header("Authorization").split("SignedHeaders=")[1].split(",")[0].split(";");
    SdkHttpFullRequest.Builder request = SdkHttpFullRequest.builder()
        .method(SdkHttpMethod.fromValue(r.method()))
        .uri(URI.create("http://" + r.header("Host") + r.path()));
    for (String name : parts) {
      if (!name.equals("host")) {
        request.putHeader(name, r.header(name));
      }
    }
    Instant at = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC)
        .parse(r.header("X-Amz-Date"), Instant::from);
    SdkHttpFullRequest unsigned = request.build();
    return AwsV4HttpSigner.create().sign(s -> s
            .identity(CREDENTIALS)
            .request(unsigned)
            .payload(ContentStreamProvider.fromByteArray(r.body()))
            .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
            .putProperty(AwsV4HttpSigner.REGION_NAME, region)
            .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(at, ZoneOffset.UTC)))
        .request().firstMatchingHeader("Authorization").orElseThrow();
  }
}
