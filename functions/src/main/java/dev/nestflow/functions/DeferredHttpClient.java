package dev.nestflow.functions;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * An HTTP client being built on its own daemon thread: the SDK clients can be built over it at the
 * same time (building the url-connection client makes its TLS context: the JDK's security
 * providers, cipher suites and trusted certificates, about a fifth of a cold start). The first
 * request waits for it.
 */
final class DeferredHttpClient implements SdkHttpClient {
  private final CompletableFuture<SdkHttpClient> client = new CompletableFuture<>();
  private final String name;

  private DeferredHttpClient(String name) {
    this.name = name;
  }

  /** Starts {@code build} on a new daemon thread; {@code name} is the client's name (the SDK's user agent). */
  static DeferredHttpClient start(String name, Supplier<? extends SdkHttpClient> build) {
    DeferredHttpClient deferred = new DeferredHttpClient(name);
    Thread t = new Thread(() -> {
      try {
        deferred.client.complete(build.get());
      } catch (RuntimeException | Error e) {
        deferred.client.completeExceptionally(e);
      }
    }, "nestflow-http-client");
    t.setDaemon(true);
    t.start();
    return deferred;
  }

  /** Waits until the client is built (SnapStart priming: so that it is in the snapshot). */
  void awaitBuilt() {
    client.join();
  }

  private SdkHttpClient client() {
    return client.join();
  }

  @Override
  public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
    if (request.httpRequest().firstMatchingHeader(PRIMING_HEADER).isPresent()) {
      return LOCAL_ANSWER;
    }
    return client().prepareRequest(request);
  }

  /**
   * Requests with this header are answered here, without the network: {@code 200 {}}. Priming sends
   * such requests through the real SDK clients (marshalling, endpoint, signing, interceptors,
   * unmarshalling), so that the first real request finds those classes loaded.
   */
  static final String PRIMING_HEADER = "x-nestflow-priming";

  private static final ExecutableHttpRequest LOCAL_ANSWER = new ExecutableHttpRequest() {
    @Override
    public HttpExecuteResponse call() {
      byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
      return HttpExecuteResponse.builder()
          .response(SdkHttpResponse.builder().statusCode(200)
              .putHeader("Content-Type", "application/x-amz-json-1.0")
              .putHeader("Content-Length", Integer.toString(body.length)).build())
          .responseBody(AbortableInputStream.create(new ByteArrayInputStream(body)))
          .build();
    }

    @Override
    public void abort() {}
  };

  @Override
  public String clientName() {
    return name;
  }

  @Override
  public void close() {
    client().close();
  }
}
