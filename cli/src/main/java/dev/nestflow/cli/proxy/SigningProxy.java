package dev.nestflow.cli.proxy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
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
 * reach the client as its usual exceptions.
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
