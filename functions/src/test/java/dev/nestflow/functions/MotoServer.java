package dev.nestflow.functions;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A moto_server process on a free loopback port, for the handlers' tests against emulated AWS. When no
 * {@code moto_server} is on the PATH the tests that need it are skipped, unless the system property
 * {@code nestflow.moto.required} is true, in which case they fail.
 */
final class MotoServer implements AutoCloseable {
  private static final Duration STARTUP = Duration.ofSeconds(30);

  private final Process process;
  private final int port;
  private final Path log;

  private MotoServer(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /** Starts moto_server and returns once it accepts connections. */
  public static MotoServer start() throws IOException, InterruptedException {
    String executable = findOnPath("moto_server");
    if (executable == null) {
      String message = "moto_server is not on the PATH";
      if (Boolean.getBoolean("nestflow.moto.required")) {
        throw new IllegalStateException(message);
      }
      Assumptions.abort(message);
    }
    int port = freePort();
    Path log = Files.createTempFile("moto-server-", ".log");
    Process process = new ProcessBuilder(executable, "-H", "127.0.0.1", "-p", Integer.toString(port))
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    MotoServer server = new MotoServer(process, port, log);
    server.awaitListening();
    return server;
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  private void awaitListening() throws IOException, InterruptedException {
    long deadline = System.nanoTime() + STARTUP.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("moto_server exited with " + process.exitValue() + ": " + Files.readString(log));
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
        return;
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    close();
    throw new IllegalStateException("moto_server did not answer on port " + port + " within " + STARTUP);
  }

  @Override
  public void close() {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      Files.deleteIfExists(log);
    } catch (IOException ignored) {
      // a temp file left behind is harmless
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static String findOnPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    for (String dir : path.split(File.pathSeparator)) {
      File candidate = new File(dir, name);
      if (candidate.isFile() && candidate.canExecute()) {
        return candidate.getAbsolutePath();
      }
    }
    return null;
  }
}
