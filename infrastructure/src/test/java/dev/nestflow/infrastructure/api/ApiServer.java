package dev.nestflow.infrastructure.api;

import com.sun.net.httpserver.HttpServer;
import dev.nestflow.infrastructure.queue.InMemoryQueue;
import dev.nestflow.infrastructure.queue.QueueMessage;
import dev.nestflow.infrastructure.runtime.ExecutionRuntime;
import dev.nestflow.infrastructure.runtime.StateAdvance;
import dev.nestflow.infrastructure.runtime.TaskTokens;
import dev.nestflow.infrastructure.store.ExecutionStore;
import dev.nestflow.infrastructure.store.InMemoryExecutionStore;
import dev.nestflow.infrastructure.tasks.TaskInvoker;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The API on a free local port for the tests that drive it as clients do (the official SDK client,
 * raw HTTP): {@link SfnApi} over the in-memory runtime on the real clock, with one thread applying
 * transition messages as the state-advance Lambda does. {@code nestflow serve} is the product's
 * version of this; its own tests run the AWS CLI and the conformance corpus against it.
 */
final class ApiServer implements AutoCloseable {
  private final HttpServer server;
  private final Thread transitions;

  /** The objects distributed Maps read and write (an in-memory S3). */
  final dev.nestflow.infrastructure.objects.InMemoryObjectStore objects = new dev.nestflow.infrastructure.objects.InMemoryObjectStore();

  private ApiServer(ExecutionStore store, ApiCatalog catalog) throws IOException {
    Clock clock = Clock.systemUTC();
    InMemoryQueue queue = new InMemoryQueue(clock);
    ExecutionRuntime runtime = new ExecutionRuntime(store, queue, TaskInvoker.none(), clock,
        TaskTokens.randomKey()).useObjectStore(objects);
    SfnApi api = new SfnApi(new ApiContext(runtime.commands(), queue, catalog, "us-east-1",
        "123456789012", clock, ApiContext.EXPRESS_LIMIT), message -> {});
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      try (exchange) {
        SfnApi.Response response = "POST".equals(exchange.getRequestMethod())
            ? api.handle(exchange.getRequestHeaders().getFirst("X-Amz-Target"), read(exchange.getRequestBody()))
            : api.handle(null, new byte[0]);
        byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", SfnApi.CONTENT_TYPE);
        exchange.getResponseHeaders().set("x-amzn-RequestId", response.requestId());
        exchange.sendResponseHeaders(response.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      }
    });
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "api-server");
      t.setDaemon(true);
      return t;
    }));
    server.start();
    transitions = new Thread(() -> apply(runtime.stateAdvance(), queue), "api-server-transitions");
    transitions.setDaemon(true);
    transitions.start();
  }

  static ApiServer start() throws IOException {
    return start(new InMemoryExecutionStore(), new InMemoryApiCatalog());
  }

  /** The API over this store and catalog (DynamoDB ones on moto_server, say). */
  static ApiServer start(ExecutionStore store, ApiCatalog catalog) throws IOException {
    return new ApiServer(store, catalog);
  }

  int port() {
    return server.getAddress().getPort();
  }

  /** The body up to one byte past the limit (the router refuses it); the rest is read and dropped. */
  private static byte[] read(java.io.InputStream in) throws IOException {
    byte[] body = in.readNBytes(SfnApi.MAX_BODY_BYTES + 1);
    in.transferTo(OutputStream.nullOutputStream());
    return body;
  }

  /** Applies transition messages until interrupted; a step that lost a race is retried at once. */
  private static void apply(StateAdvance step, InMemoryQueue queue) {
    while (!Thread.currentThread().isInterrupted()) {
      List<QueueMessage> batch = queue.receive(10, Duration.ofSeconds(30));
      if (batch.isEmpty()) {
        try {
          Thread.sleep(2);
        } catch (InterruptedException e) {
          return;
        }
      }
      for (QueueMessage m : batch) {
        try {
          if (step.handle(m.body(), m.receiptHandle(), m.receiveCount())) {
            queue.delete(m.receiptHandle());
          }
        } catch (StateAdvance.ConcurrentStep lost) {
          queue.changeVisibility(m.receiptHandle(), Duration.ZERO);
        }
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    transitions.interrupt();
  }
}
