package dev.nestflow.bench;

import dev.nestflow.cli.bench.Workload;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the benchmark workloads are: the system property {@code nestflow.bench.workloads}, else
 * {@code shared/bench/workloads} beside the working directory or one of its parents.
 */
public final class Workloads {
  private Workloads() {}

  /** The workloads of {@code workloads.md}, in its order. */
  public static final String[] ALL = {
    "pass-chain", "choice-loop", "map-inline", "parallel-fanout", "retry-catch", "payload-heavy", "nested"
  };

  public static Path dir() {
    String configured = System.getProperty("nestflow.bench.workloads");
    if (configured != null && Files.isDirectory(Path.of(configured))) {
      return Path.of(configured);
    }
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path candidate = p.resolve("shared/bench/workloads");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
      Path sibling = p.resolveSibling("shared/bench/workloads");
      if (p.getParent() != null && Files.isDirectory(sibling)) {
        return sibling;
      }
    }
    throw new IllegalStateException(
        "benchmark workloads not found: set -Dnestflow.bench.workloads=<dir> (shared/bench/workloads)");
  }

  public static boolean available() {
    try {
      dir();
      return true;
    } catch (IllegalStateException e) {
      return false;
    }
  }

  public static Workload load(String name) {
    return Workload.load(dir().resolve(name));
  }
}
