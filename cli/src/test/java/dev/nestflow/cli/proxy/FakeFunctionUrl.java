package dev.nestflow.cli.proxy;

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
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/** Plays a Lambda Function URL: records each request and answers with a canned response. */
final class FakeFunctionUrl implements AutoCloseable {
  /** One request as it arrived (header names lower-cased). */
  record Received(String method, String path, Map<String, String> headers, byte[] body) {
    String header(String name) {
      return headers.get(name.toLowerCase());
    }

    String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }

    /** What the Authorization header must be if it was signed by {@code identity} for {@code service} in {@code region}. */
    String expectedAuthorization(AwsCredentialsIdentity identity, String region, String service) {
      String signedHeaders = header("Authorization").split("SignedHeaders=")[1].split(",")[0];
      SdkHttpFullRequest.Builder request = SdkHttpFullRequest.builder()
          .method(SdkHttpMethod.fromValue(method))
          .uri(URI.create("http://" + header("Host") + path));
      for (String name : signedHeaders.split(";")) {
        if (!name.equals("host")) {
          request.putHeader(name, header(name));
        }
      }
      Instant at = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC)
          .parse(header("X-Amz-Date"), Instant::from);
      SdkHttpFullRequest unsigned = request.build();
      return AwsV4HttpSigner.create().sign(s -> s
              .identity(identity)
              .request(unsigned)
              .payload(ContentStreamProvider.fromByteArray(body))
              .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
              .putProperty(AwsV4HttpSigner.REGION_NAME, region)
              .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(at, ZoneOffset.UTC)))
          .request().firstMatchingHeader("Authorization").orElseThrow();
    }
  }

  /** The canned answer. */
  record Canned(int status, Map<String, String> headers, String body) {}

  private final HttpServer server;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private volatile Canned canned = new Canned(200, Map.of("Content-Type", "application/x-amz-json-1.0"), "{}");

  FakeFunctionUrl() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::answer);
    server.start();
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
  }

  void answerWith(int status, Map<String, String> headers, String body) {
    canned = new Canned(status, headers, body);
  }

  List<Received> received() {
    return received;
  }

  private void answer(HttpExchange exchange) throws IOException {
    try (exchange) {
      Map<String, String> headers = new TreeMap<>();
      exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
      received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), headers,
          exchange.getRequestBody().readAllBytes()));
      Canned answer = canned;
      byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
      answer.headers().forEach(exchange.getResponseHeaders()::set);
      exchange.getResponseHeaders().set("x-amzn-RequestId", "fake-request-id");
      exchange.getResponseHeaders().set("Date", "Thu, 01 Jan 2026 00:00:00 GMT");
      exchange.sendResponseHeaders(answer.status(), body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
