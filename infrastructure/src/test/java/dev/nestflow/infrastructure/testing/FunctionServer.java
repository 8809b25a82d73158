package dev.nestflow.infrastructure.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * Functions behind a local HTTP server that speaks the Lambda Invoke API ({@code POST
 * /2015-03-31/functions/{name}/invocations}, payload in, the function's return value out) and
 * answers GetFunctionConfiguration with the function's Timeout, as a
 * stand-in for the Lambda service: every request runs on its own thread, so calls overlap as they
 * do in Lambda. Counts the invocations of each function and how many ran at the same time.
 * Unknown functions are answered 404 {@code ResourceNotFoundException}, as Lambda answers them.
 */
public final class FunctionServer implements AutoCloseable {
  private static final String PREFIX = "/2015-03-31/functions/";

  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "function-server");
    t.setDaemon(true);
    return t;
  });
  private final Map<String, UnaryOperator<String>> functions = new ConcurrentHashMap<>();
  private final Map<String, Integer> timeouts = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> invocations = new ConcurrentHashMap<>();
  private final AtomicInteger running = new AtomicInteger();
  private final AtomicInteger mostAtOnce = new AtomicInteger();

  private FunctionServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
    server.setExecutor(threads);
    server.createContext("/", this::serve);
    server.start();
  }

  public static FunctionServer start() {
    try {
      return new FunctionServer();
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the function server", e);
    }
  }

  /** Serves {@code name} (the function's name; callers may use its ARN): payload text in, result text out. */
  public FunctionServer function(String name, UnaryOperator<String> body) {
    functions.put(name, body);
    return this;
  }

  /** Sets {@code name}'s configured timeout (GetFunctionConfiguration's Timeout; Lambda's default is 3 s). */
  public FunctionServer timeout(String name, int seconds) {
    timeouts.put(name, seconds);
    return this;
  }

  /** A function that sleeps {@code millis} and returns its payload. */
  public FunctionServer sleeping(String name, long millis) {
    return function(name, payload -> {
      try {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return payload;
    });
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** How many times {@code name} was invoked (requests that reached it, answered or not). */
  public int invocations(String name) {
    AtomicInteger n = invocations.get(name);
    return n == null ? 0 : n.get();
  }

  public int totalInvocations() {
    return invocations.values().stream().mapToInt(AtomicInteger::get).sum();
  }

  /** The most invocations that ran at the same time. */
  public int mostAtOnce() {
    return mostAtOnce.get();
  }

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getRawPath();
      byte[] payload = exchange.getRequestBody().readAllBytes();
      if ("GET".equals(exchange.getRequestMethod()) && path.startsWith(PREFIX) && path.endsWith("/configuration")) {
        String name = functionName(URLDecoder.decode(
            path.substring(PREFIX.length(), path.length() - "/configuration".length()), StandardCharsets.UTF_8));
        if (!functions.containsKey(name)) {
          answer(exchange, 404, "ResourceNotFoundException", "{\"Type\":\"User\",\"message\":\"Function not found: " + name + "\"}");
          return;
        }
        byte[] bytes = ("{\"FunctionName\":\"" + name + "\",\"Timeout\":" + timeouts.getOrDefault(name, 3) + "}")
            .getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        return;
      }
      if (!"POST".equals(exchange.getRequestMethod()) || !path.startsWith(PREFIX) || !path.endsWith("/invocations")) {
        answer(exchange, 400, "InvalidRequestContentException", "{\"message\":\"not an Invoke request\"}");
        return;
      }
      String name = functionName(URLDecoder.decode(
          path.substring(PREFIX.length(), path.length() - "/invocations".length()), StandardCharsets.UTF_8));
      UnaryOperator<String> function = functions.get(name);
      if (function == null) {
        answer(exchange, 404, "ResourceNotFoundException", "{\"Type\":\"User\",\"message\":\"Function not found: " + name + "\"}");
        return;
      }
      invocations.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet();
      mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
      String result;
      try {
        result = function.apply(new String(payload, StandardCharsets.UTF_8));
      } finally {
        running.decrementAndGet();
      }
      exchange.getResponseHeaders().add("X-Amz-Executed-Version", "$LATEST");
      exchange.getResponseHeaders().add("x-amzn-RequestId", UUID.randomUUID().toString());
      byte[] bytes = result.getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, bytes.length == 0 ? -1 : bytes.length);
      exchange.getResponseBody().write(bytes);
    }
  }

  /** The name in a function ARN ({@code arn:aws:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER]}) or the name itself. */
  static String functionName(String nameOrArn) {
    int at = nameOrArn.indexOf(":function:");
    if (at < 0) {
      return nameOrArn;
    }
    String rest = nameOrArn.substring(at + ":function:".length());
    int colon = rest.indexOf(':');
    return colon < 0 ? rest : rest.substring(0, colon);
  }

  private static void answer(HttpExchange exchange, int status, String errorType, String body) throws IOException {
    exchange.getResponseHeaders().add("x-amzn-ErrorType", errorType);
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
