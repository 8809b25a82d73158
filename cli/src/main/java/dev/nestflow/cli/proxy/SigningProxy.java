package dev.nestflow.cli.proxy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.nestflow.console.web.ConsolePages;
import dev.nestflow.console.web.SfnCalls;
import dev.nestflow.core.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * A local HTTP endpoint for Step Functions clients that relays each request to nestflow's API on
 * its Lambda Function URL, re-signed for the service {@code lambda} with the proxy user's
 * credentials (see {@link FunctionUrlForwarder}). It listens on the loopback address only: whoever
 * can reach it acts with those credentials. The Function URL's status, body, content type and
 * {@code x-amzn-*} headers (request id, error type) come back unchanged, so the AWS error types
 * reach the client as its usual exceptions. A {@code GET} is the web console's, served here: its
 * page calls the API through this proxy like any client, and its graph is drawn here from API calls
 * relayed the same way.
 */
final class SigningProxy implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService executor;
  private final FunctionUrlForwarder forwarder;
  private final Consumer<String> log;

  SigningProxy(FunctionUrlForwarder forwarder, int port, Consumer<String> log) throws IOException {
    this.forwarder = forwarder;
    this.log = log;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    executor = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "nestflow-proxy");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.createContext("/", this::relay);
    server.start();
  }

  int port() {
    return server.getAddress().getPort();
  }

  private void relay(HttpExchange exchange) throws IOException {
    try (exchange) {
      if ("GET".equals(exchange.getRequestMethod())) {
        ConsolePages.Page page = new ConsolePages(this::call)
            .get(exchange.getRequestURI().getPath(), exchange.getRequestURI().getRawQuery());
        exchange.getResponseHeaders().set("Content-Type", page.contentType());
        exchange.sendResponseHeaders(page.status(), page.body().length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(page.body());
        }
        return;
      }
      byte[] body = exchange.getRequestBody().readAllBytes();
      FunctionUrlForwarder.Answer answer;
      try {
        answer = forwarder.forward(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
            FunctionUrlForwarder.callHeaders(exchange.getRequestHeaders()), body);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        answer = failure(503, "ServiceUnavailable", "nestflow proxy: interrupted");
      } catch (IOException e) {
        log.accept("nestflow proxy: cannot reach " + forwarder.functionUrl() + ": " + e);
        answer = failure(502, "ServiceUnavailable", "nestflow proxy: cannot reach " + forwarder.functionUrl() + ": " + e);
      } catch (FunctionUrlForwarder.NoCredentials e) {
        // not worth a retry: the SDK's message says where it looked
        log.accept("nestflow proxy: no AWS credentials to sign with: " + e.getMessage());
        answer = failure(403, "MissingAuthenticationTokenException",
            "nestflow proxy: no AWS credentials to sign with: " + e.getMessage());
      } catch (RuntimeException e) {
        log.accept("nestflow proxy: request not sent: " + e);
        answer = failure(500, "InternalFailure", "nestflow proxy: request not sent: " + e);
      }
      send(exchange, answer);
    }
  }

  /** One API call relayed (and signed) like a client's, for the console's graph. */
  private com.fasterxml.jackson.databind.JsonNode call(String operation, com.fasterxml.jackson.databind.node.ObjectNode request) {
    try {
      FunctionUrlForwarder.Answer answer = forwarder.forward("POST", "/",
          Map.of("Content-Type", "application/x-amz-json-1.0", "X-Amz-Target", "AWSStepFunctions." + operation),
          Json.write(request).getBytes(StandardCharsets.UTF_8));
      var body = Json.parse(new String(answer.body(), StandardCharsets.UTF_8));
      if (answer.status() != 200) {
        String type = body.path("__type").asText("HTTP " + answer.status());
        throw new SfnCalls.Failure(type.substring(type.lastIndexOf('#') + 1), body.path("message").asText());
      }
      return body;
    } catch (IOException e) {
      throw new SfnCalls.Failure("ServiceUnavailable", "cannot reach " + forwarder.functionUrl() + ": " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SfnCalls.Failure("ServiceUnavailable", "interrupted");
    } catch (FunctionUrlForwarder.NoCredentials e) {
      throw new SfnCalls.Failure("MissingAuthenticationTokenException", "no AWS credentials to sign with: " + e.getMessage());
    } catch (Json.JsonSyntaxException e) {
      throw new SfnCalls.Failure("MalformedResponse", "the Function URL did not answer JSON: " + e.getMessage());
    }
  }

  private static void send(HttpExchange exchange, FunctionUrlForwarder.Answer answer) throws IOException {
    answer.headers().forEach((name, values) -> {
      if (relayed(name)) {
        exchange.getResponseHeaders().put(name, List.copyOf(values));
      }
    });
    byte[] body = answer.body();
    exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  /** The response headers a client reads: the content type and Lambda's or the API's {@code x-amzn-*}. */
  static boolean relayed(String name) {
    if (name == null) {
      return false;
    }
    String n = name.toLowerCase(Locale.ROOT);
    return n.equals("content-type") || n.startsWith("x-amzn-") || n.startsWith("x-amz-");
  }

  private static FunctionUrlForwarder.Answer failure(int status, String type, String message) {
    var body = Json.object();
    body.put("__type", type);
    body.put("message", message);
    return new FunctionUrlForwarder.Answer(status,
        Map.of("Content-Type", List.of("application/x-amz-json-1.0")),
        Json.write(body).getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
