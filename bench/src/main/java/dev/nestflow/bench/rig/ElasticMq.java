package dev.nestflow.bench.rig;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * ElasticMQ (Maven {@code org.elasticmq:elasticmq-server_2.13}, Apache 2.0; SQS in memory) as a
 * process of its own on a free loopback port, from the jars the bench module's build lists in
 * {@code bench/target/elasticmq.classpath}.
 */
final class ElasticMq implements AutoCloseable {
  private final Process process;
  private final int port;

  private ElasticMq(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  static Path classpathFile(Path root) {
    return root.resolve("bench/target/elasticmq.classpath");
  }

  /** Why ElasticMQ cannot be started from this checkout, or null when it can. */
  static String missing(Path root) {
    Path file = classpathFile(root);
    if (!Files.isRegularFile(file)) {
      return file + " is missing: build the bench module first (./mvnw -B package -DskipTests -pl bench -am)";
    }
    try {
      for (String jar : Files.readString(file).trim().split(java.io.File.pathSeparator)) {
        if (!Files.isRegularFile(Path.of(jar))) {
          return "a jar of ElasticMQ is missing: " + jar;
        }
      }
    } catch (IOException e) {
      return "cannot read " + file + ": " + e.getMessage();
    }
    return null;
  }

  static ElasticMq start(Path root, Path logDir) throws IOException, InterruptedException {
    String missing = missing(root);
    if (missing != null) {
      throw new IOException(missing);
    }
    int port = Processes.freePort();
    Path conf = logDir.resolve("elasticmq.conf");
    Files.createDirectories(logDir);
    Files.writeString(conf, String.join("\n",
        "include classpath(\"application.conf\")",
        "node-address { protocol = http, host = \"127.0.0.1\", port = " + port + ", context-path = \"\" }",
        "rest-sqs { enabled = true, bind-port = " + port + ", bind-hostname = \"127.0.0.1\", sqs-limits = strict }",
        "rest-stats { enabled = false }", ""));
    Path log = logDir.resolve("elasticmq.log");
    Process p = Processes.start(List.of(Processes.java(), "-Xmx1g", "-XX:+UseSerialGC", "-Dconfig.file=" + conf,
        "-cp", Files.readString(classpathFile(root)).trim(), "org.elasticmq.server.Main"), log);
    Processes.awaitPort("ElasticMQ", p, port, log, Duration.ofSeconds(60));
    return new ElasticMq(p, port);
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  @Override
  public void close() {
    Processes.stop(process);
  }
}
