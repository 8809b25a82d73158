package dev.nestflow.functions;

import dev.nestflow.infrastructure.api.SfnApi;
import dev.nestflow.infrastructure.runtime.ExecutionRuntime;

/**
 * Builds the production wiring once per Lambda container, from its environment variables, at
 * class initialisation (so SnapStart snapshots the clients; the HTTP connections are made after restore).
 */
final class Runtimes {
  private Runtimes() {}

  private static volatile AwsWiring.Wired instance;

  private static AwsWiring.Wired wired() {
    AwsWiring.Wired w = instance;
    if (w == null) {
      synchronized (Runtimes.class) {
        if (instance == null) {
          instance = AwsWiring.wire(System.getenv());
        }
        w = instance;
      }
    }
    return w;
  }

  /**
   * Starts building the wiring on a daemon thread (the handler's Lambda constructor calls this):
   * the TLS context and the SDK clients are then made while the runtime client fetches the first
   * event and the handler parses it. Whoever needs the wiring first waits for it; a failure here
   * (an incomplete environment) is left to that first use, which builds again and throws.
   */
  static void startBuilding() {
    if (instance != null) {
      return;
    }
    Thread t = new Thread(() -> {
      try {
        wired();
      } catch (RuntimeException incompleteEnvironment) {
        // reported by the first use
      }
    }, "nestflow-wiring");
    t.setDaemon(true);
    t.start();
  }

  static ExecutionRuntime fromEnvironment() {
    return wired().runtime();
  }

  static SfnApi apiFromEnvironment() {
    return wired().api();
  }

  /** Builds all of the wiring now, also what is otherwise built on first use (SnapStart priming). */
  static void buildAllFromEnvironment() {
    wired().buildAll();
  }
}
