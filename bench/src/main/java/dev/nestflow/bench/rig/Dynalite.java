package dev.nestflow.bench.rig;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * dynalite (npm package, MIT; DynamoDB on LevelDB, here in memory; no transactions, which nestflow
 * never uses) on a free loopback port. Installed with npm on first use into a cache directory
 * outside the repository ({@code NESTFLOW_RIG_CACHE}, else {@code ~/.cache/nestflow-rig}).
 */
final class Dynalite implements AutoCloseable {
  static final String VERSION = "4.0.0";

  private final Process process;
  private final int port;

  private Dynalite(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  static Path cacheDir() {
    String configured = System.getenv("NESTFLOW_RIG_CACHE");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    String xdg = System.getenv("XDG_CACHE_HOME");
    return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache"))
        .resolve("nestflow-rig");
  }

  private static Path home() {
    return cacheDir().resolve("dynalite-" + VERSION);
  }

  private static Path cli() {
    return home().resolve("node_modules/dynalite/cli.js");
  }

  /** Installs dynalite when it is not yet in the cache; says why it cannot be had, or null when it can. */
  static String install() throws InterruptedException {
    if (Files.isRegularFile(cli())) {
      return Processes.onPath("node").isPresent() ? null : "node is not on the PATH";
    }
    if (Processes.onPath("node").isEmpty() || Processes.onPath("npm").isEmpty()) {
      return "node and npm are not on the PATH (dynalite is an npm package)";
    }
    try {
      Files.createDirectories(home());
      Path log = home().resolve("npm-install.log");
      Process npm = Processes.start(List.of(Processes.onPath("npm").get(), "install", "--prefix", home().toString(),
          "--no-audit", "--no-fund", "--loglevel=error", "dynalite@" + VERSION), log);
      if (!npm.waitFor(5, TimeUnit.MINUTES)) {
        Processes.stop(npm);
        return "npm install dynalite@" + VERSION + " did not finish in 5 minutes";
      }
      if (npm.exitValue() != 0 || !Files.isRegularFile(cli())) {
        return "npm install dynalite@" + VERSION + " failed: " + Processes.tail(log);
      }
      return null;
    } catch (IOException e) {
      return "cannot install dynalite: " + e.getMessage();
    }
  }

  static Dynalite start(Path logDir) throws IOException, InterruptedException {
    String missing = install();
    if (missing != null) {
      throw new IOException(missing);
    }
    int port = Processes.freePort();
    Path log = logDir.resolve("dynalite.log");
    Process p = Processes.start(List.of(Processes.onPath("node").orElseThrow(), cli().toString(), "--host", "127.0.0.1",
        "--port", Integer.toString(port), "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0"), log);
    Processes.awaitPort("dynalite", p, port, log, Duration.ofSeconds(30));
    return new Dynalite(p, port);
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  @Override
  public void close() {
    Processes.stop(process);
  }
}
