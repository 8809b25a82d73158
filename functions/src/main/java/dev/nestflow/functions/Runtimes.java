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
