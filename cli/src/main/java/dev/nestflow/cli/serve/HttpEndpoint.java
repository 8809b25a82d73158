package dev.nestflow.cli.serve;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.nestflow.console.web.ConsolePages;
import dev.nestflow.infrastructure.api.SfnApi;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The API on the JDK's HTTP server: every {@code POST} on any path goes to the router (clients
 * post to {@code /}); a {@code GET} is the web console's ({@link ConsolePages}).
 */
final class HttpEndpoint implements AutoCloseable {
  static {
    // TCP_NODELAY on accepted connections: without it a kept-alive client waits for the delayed ACK
    // (about 40 ms) on every request after the first; read once, when the JDK's server first starts
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final HttpServer server;
  private final ExecutorService executor;

  HttpEndpoint(SfnApi api, DeadLetterApi deadLetters, ConsolePages console, String host, int port) throws IOException {
    server = HttpServer.create(new InetSocketAddress(host, port), 0);
    executor = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "nestflow-http");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.createContext("/", exchange -> {
      try (exchange) {
        if ("GET".equals(exchange.getRequestMethod()) || "HEAD".equals(exchange.getRequestMethod())) {
          page(exchange, console.get(exchange.getRequestURI().getPath(), exchange.getRequestURI().getRawQuery()));
          return;
        }
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        SfnApi.Response response = !"POST".equals(exchange.getRequestMethod()) ? api.handle(null, new byte[0])
            : DeadLetterApi.handles(target) ? deadLetters.handle(target, read(exchange.getRequestBody()))
            : api.handle(target, read(exchange.getRequestBody()));
        byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", SfnApi.CONTENT_TYPE);
        exchange.getResponseHeaders().set("x-amzn-RequestId", response.requestId());
        exchange.sendResponseHeaders(response.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      }
    });
    server.start();
  }

  private static void page(HttpExchange exchange, ConsolePages.Page page) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", page.contentType());
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    boolean head = "HEAD".equals(exchange.getRequestMethod());
    exchange.sendResponseHeaders(page.status(), head ? -1 : page.body().length);
    if (!head) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(page.body());
      }
    }
  }

  int port() {
    return server.getAddress().getPort();
  }

  /** The body up to one byte past the limit; the rest is read and dropped, so the client sees the answer, not a reset. */
  private static byte[] read(InputStream in) throws IOException {
    byte[] body = in.readNBytes(SfnApi.MAX_BODY_BYTES + 1);
    in.transferTo(OutputStream.nullOutputStream());
    return body;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
