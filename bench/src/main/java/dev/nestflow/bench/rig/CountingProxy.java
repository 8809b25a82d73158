package dev.nestflow.bench.rig;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.nestflow.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback HTTP proxy in front of one emulator (dynalite or ElasticMQ) that counts every request
 * it forwards into a {@link Traffic}: DynamoDB by {@code X-Amz-Target} operation, SQS by
 * {@code X-Amz-Target} or the query protocol's {@code Action}. Bodies pass unchanged (the proxy asks
 * for them uncompressed, so DynamoDB's CRC32 header still matches).
 */
final class CountingProxy implements AutoCloseable {
  enum Service { DYNAMODB, SQS }

  /** Headers the JDK client sets itself (or refuses), and hop-by-hop ones. */
  private static final Set<String> NOT_FORWARDED = Set.of("host", "connection", "content-length", "expect", "upgrade",
      "accept-encoding", "transfer-encoding", "keep-alive", "date");
  private static final Pattern ACTION = Pattern.compile("(?:^|&)Action=([A-Za-z]+)");
  private static final Pattern BATCH_ENTRY = Pattern.compile("(?:^|&)SendMessageBatchRequestEntry\\.\\d+\\.Id=");

  private final Service service;
  private final URI upstream;
  private final Traffic traffic;
  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "rig-proxy");
    t.setDaemon(true);
    return t;
  });
  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10)).executor(threads).build();

  CountingProxy(Service service, URI upstream, Traffic traffic) throws IOException {
    this.service = service;
    this.upstream = upstream;
    this.traffic = traffic;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
    server.createContext("/", this::forward);
    server.setExecutor(threads);
    server.start();
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  private void forward(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      URI uri = upstream.resolve(exchange.getRequestURI().toString());
      HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
          .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
      for (Map.Entry<String, List<String>> h : exchange.getRequestHeaders().entrySet()) {
        if (!NOT_FORWARDED.contains(h.getKey().toLowerCase(Locale.ROOT))) {
          h.getValue().forEach(v -> request.header(h.getKey(), v));
        }
      }
      HttpResponse<byte[]> response;
      try {
        response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        exchange.sendResponseHeaders(502, -1);
        return;
      } catch (IOException e) {
        exchange.sendResponseHeaders(502, -1);
        return;
      }
      String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
      try {
        count(target, exchange.getRequestURI().getRawQuery(), body, response.statusCode(), response.body());
      } catch (RuntimeException e) {
        System.err.println("rig proxy: could not count " + target + ": " + e);
      }
      response.headers().map().forEach((name, values) -> {
        if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
          values.forEach(v -> exchange.getResponseHeaders().add(name, v));
        }
      });
      byte[] out = response.body();
      exchange.sendResponseHeaders(response.statusCode(), out.length == 0 ? -1 : out.length);
      if (out.length > 0) {
        try (OutputStream o = exchange.getResponseBody()) {
          o.write(out);
        }
      }
    }
  }

  private void count(String target, String query, byte[] request, int status, byte[] response) {
    String op = target != null && target.contains(".") ? target.substring(target.indexOf('.') + 1) : null;
    if (service == Service.DYNAMODB) {
      op = op == null ? "?" : op;
      boolean readsResponse = status >= 400 || Set.of("GetItem", "Query", "Scan", "BatchGetItem").contains(op);
      boolean readsRequest = op.equals("PutItem") || op.equals("UpdateItem");
      traffic.dynamo(op, readsRequest ? json(request) : null, status, readsResponse ? json(response) : null);
      return;
    }
    String form = new String(request, StandardCharsets.UTF_8);
    boolean jsonProtocol = op != null;
    if (!jsonProtocol) {
      Matcher m = ACTION.matcher(form);
      op = m.find() ? m.group(1) : query != null && ACTION.matcher(query).find() ? matched(query) : "?";
    }
    int messages = 0;
    if (op.equals("ReceiveMessage") && status < 400) {
      messages = jsonProtocol ? json(response).path("Messages").size()
          : occurrences(new String(response, StandardCharsets.UTF_8), "<Message>");
    } else if (op.equals("SendMessage")) {
      messages = 1;
    } else if (op.equals("SendMessageBatch")) {
      messages = jsonProtocol ? json(request).path("Entries").size() : (int) BATCH_ENTRY.matcher(form).results().count();
    }
    traffic.sqs(op, messages);
  }

  private static String matched(String query) {
    Matcher m = ACTION.matcher(query);
    return m.find() ? m.group(1) : "?";
  }

  private static int occurrences(String text, String needle) {
    int n = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length())) {
      n++;
    }
    return n;
  }

  private static JsonNode json(byte[] bytes) {
    if (bytes.length == 0) {
      return Json.MAPPER.createObjectNode();
    }
    try {
      return Json.MAPPER.readTree(bytes);
    } catch (IOException e) {
      return Json.MAPPER.createObjectNode();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
