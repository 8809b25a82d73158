package dev.nestflow.functions;

import dev.nestflow.infrastructure.runtime.ExecutionRuntime;

/** Builds the production runtime once per Lambda container, from its environment variables. */
final class Runtimes {
  private Runtimes() {}

  private static volatile ExecutionRuntime instance;

  static ExecutionRuntime fromEnvironment() {
    ExecutionRuntime rt = instance;
    if (rt == null) {
      synchronized (Runtimes.class) {
        if (instance == null) {
          instance = AwsWiring.runtime(System.getenv());
        }
        rt = instance;
      }
    }
    return rt;
  }
}
