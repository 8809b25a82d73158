package dev.nestflow.bench;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A moto_server process on a free loopback port (the benchmarks' stand-in for DynamoDB and SQS). */
public final class Moto implements AutoCloseable {
  private final Process process;
  private final int port;
  private final Path log;

  private Moto(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /** How many requests moto_server has logged so far (one access-log line each). */
  public long requestsLogged() throws IOException {
    try (var lines = Files.lines(log)) {
      return lines.filter(l -> l.contains("\"POST ") || l.contains("\"GET ")).count();
    }
  }

  /** Whether a {@code moto_server} executable is on the PATH. */
  public static boolean available() {
    return executable() != null;
  }

  public static Moto start() throws IOException, InterruptedException {
    String exe = executable();
    if (exe == null) {
      throw new IllegalStateException("moto_server is not on the PATH");
    }
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Path log = Files.createTempFile("bench-moto-", ".log");
    log.toFile().deleteOnExit();
    Process p = new ProcessBuilder(exe, "-H", "127.0.0.1", "-p", Integer.toString(port))
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    Moto moto = new Moto(p, port, log);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw new IllegalStateException("moto_server exited: " + Files.readString(log));
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
        return moto;
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    moto.close();
    throw new IllegalStateException("moto_server did not start");
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  @Override
  public void close() {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String executable() {
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    for (String dir : path.split(File.pathSeparator)) {
      File f = new File(dir, "moto_server");
      if (f.isFile() && f.canExecute()) {
        return f.getAbsolutePath();
      }
    }
    return null;
  }
}
