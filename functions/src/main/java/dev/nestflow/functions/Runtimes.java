package dev.nestflow.functions;

import dev.nestflow.infrastructure.api.SfnApi;
import dev.nestflow.infrastructure.queue.MessageSeal;
import dev.nestflow.infrastructure.runtime.ExecutionRuntime;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * Builds the production wiring once per Lambda container, from its environment variables: on
 * first use, or from the start on background threads ({@link #startBuilding()}); SnapStart's
 * priming builds all of it before the snapshot (the HTTP connections are made after restore).
 */
final class Runtimes {
  private Runtimes() {}

  private static volatile AwsWiring.Wired instance;
  /** {@code UrlConnectionHttpClient}'s name, as the SDK puts it in its user agent. */
  static final String HTTP_CLIENT_NAME = "UrlConnection";

  private static AwsWiring.Wired wired() {
    AwsWiring.Wired w = instance;
    if (w == null) {
      synchronized (Runtimes.class) {
        if (instance == null) {
          // the HTTP client (its TLS context) is built on its own thread while the SDK clients are built here
          instance = AwsWiring.wire(System.getenv(),
              DeferredHttpClient.start(HTTP_CLIENT_NAME, UrlConnectionHttpClient::create),
              work -> daemon("nestflow-request-priming", work));
        }
        w = instance;
      }
    }
    return w;
  }

  /**
   * Starts building the wiring on daemon threads (the state-advance handler's Lambda constructor
   * calls this): the HTTP client with its TLS context on one, the SDK clients and the runtime on
   * another, while a third runs {@link Priming#runInMemory()} (loads the interpreter, JSONPath,
   * intrinsics and the runtime's classes), and a fourth, once the DynamoDB client exists, sends it
   * requests answered locally ({@link AwsWiring#primeRequests}); all while the runtime client
   * fetches the first event and the handler parses it. Whoever needs the wiring first waits for it; a failure here (an
   * incomplete environment) is left to that first use, which builds again and throws.
   */
  static void startBuilding() {
    if (instance != null) {
      return;
    }
    daemon("nestflow-wiring", () -> {
      wired();
      KeyLoading.prefetchAll(); // the key, from Secrets Manager, while the first event is fetched
    });
    daemon("nestflow-priming", Priming::runInMemory);
  }

  private static void daemon(String name, Runnable work) {
    Thread t = new Thread(() -> {
      try {
        work.run();
      } catch (RuntimeException incompleteEnvironment) {
        // reported by the first use
      }
    }, name);
    t.setDaemon(true);
    t.start();
  }

  static ExecutionRuntime fromEnvironment() {
    return wired().runtime();
  }

  /** The check of transition messages' signatures, with the wiring's keyring. */
  static MessageSeal sealFromEnvironment() {
    wired();
    return new MessageSeal(KeyLoading.keyring(System.getenv()));
  }

  static SfnApi apiFromEnvironment() {
    return wired().api();
  }

  static dev.nestflow.infrastructure.api.ApiCatalog catalogFromEnvironment() {
    return wired().catalog();
  }

  /** Builds all of the wiring now, also what is otherwise built on first use (SnapStart priming). */
  static void buildAllFromEnvironment() {
    wired().buildAll();
  }
}
