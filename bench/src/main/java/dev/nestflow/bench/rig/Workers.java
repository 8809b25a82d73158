package dev.nestflow.bench.rig;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * W {@code nestflow serve} processes on one table and one queue, each standing for one Lambda
 * container: its own JVM, runtime and warm cache, {@code --workers T} transition handler threads,
 * the same token key (so all mint, verify and sign alike), and the rig's task function
 * ({@link RigTask}) as the Lambda function {@value #FUNCTION}.
 */
final class Workers implements AutoCloseable {
  static final String FUNCTION = "rig-task";
  /** As the Lambda Java runtime starts a JVM (C1 only), with a heap a 1 GB function would have. */
  static final String DEFAULT_JVM = "-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xmx1g";
  /** By name: the rig itself runs without the Lambda interfaces RigTask implements (the workers have them). */
  private static final String TASK_CLASS = "dev.nestflow.bench.rig.RigTask";
  private static final String TOKEN_KEY = "nestflow-scale-rig-shared-token-key";

  private final List<Process> processes = new ArrayList<>();
  private final List<Integer> ports = new ArrayList<>();
  private final List<Path> logs = new ArrayList<>();

  /**
   * @param s3 moto's endpoint for service tasks (S3 item readers and result writers), or null
   */
  static Workers start(Path root, Path logDir, int w, int t, URI dynamo, URI sqs, String table, String queue, URI s3,
      String jvm) throws IOException, InterruptedException {
    Workers workers = new Workers();
    try {
      for (int i = 0; i < w; i++) {
        int port = Processes.freePort();
        List<String> command = new ArrayList<>(List.of(Processes.java()));
        for (String opt : jvm.trim().split("\\s+")) {
          if (!opt.isEmpty()) {
            command.add(opt);
          }
        }
        command.addAll(List.of("-jar", root.resolve("cli/target/nestflow.jar").toString(), "serve",
            "--port", Integer.toString(port), "--dynamodb-endpoint", dynamo.toString(), "--sqs-endpoint", sqs.toString(),
            "--table", table, "--queue", queue, "--workers", Integer.toString(t), "--token-key", TOKEN_KEY,
            "--function", FUNCTION + "=" + TASK_CLASS, "--classpath", taskClasspath().toString()));
        if (s3 != null) {
          command.addAll(List.of("--endpoint-url", s3.toString()));
        }
        Path log = logDir.resolve("worker-" + i + ".log");
        Files.createDirectories(logDir);
        // the task appends to it: a run in the same directory as an earlier one counts only its own
        Files.deleteIfExists(invocationsFile(logDir, i));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("AWS_ENDPOINT_URL") || k.equals("NESTFLOW_TOKEN_KEY"));
        env.put("AWS_ACCESS_KEY_ID", "rig");
        env.put("AWS_SECRET_ACCESS_KEY", "rig");
        env.put("AWS_REGION", "us-east-1");
        env.put(RigTask.INVOCATIONS, invocationsFile(logDir, i).toString());
        if (s3 != null) {
          env.put("AWS_ENDPOINT_URL_S3", s3.toString());
        }
        workers.processes.add(pb.start());
        workers.ports.add(port);
        workers.logs.add(log);
      }
      for (int i = 0; i < w; i++) {
        Processes.awaitPort("worker " + i, workers.processes.get(i), workers.ports.get(i), workers.logs.get(i),
            Duration.ofSeconds(120));
      }
      return workers;
    } catch (IOException | InterruptedException | RuntimeException e) {
      workers.close();
      throw e;
    }
  }

  /** Where {@link RigTask} is: this module's classes folder or jar. */
  static Path taskClasspath() {
    try {
      return Path.of(Workers.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Path invocationsFile(Path logDir, int i) {
    return logDir.resolve("invocations-" + i + ".log");
  }

  /** How many times the workers invoked the rig's task function so far. */
  long taskInvocations() {
    long n = 0;
    for (int i = 0; i < logs.size(); i++) {
      Path f = invocationsFile(logs.get(i).getParent(), i);
      if (Files.isRegularFile(f)) {
        try (var lines = Files.lines(f)) {
          n += lines.count();
        } catch (IOException | java.io.UncheckedIOException e) {
          // a file that cannot be read counts nothing
        }
      }
    }
    return n;
  }

  int size() {
    return ports.size();
  }

  /** Worker i's Step Functions API (as the API Lambda would be reached). */
  URI api(int i) {
    return URI.create("http://127.0.0.1:" + ports.get(i % ports.size()));
  }

  /** Lines of all workers' logs that match {@code pattern} (dropped or failed transitions). */
  long logLines(Pattern pattern) {
    long n = 0;
    for (Path log : logs) {
      try (var lines = Files.lines(log)) {
        n += lines.filter(l -> pattern.matcher(l).find()).count();
      } catch (IOException | java.io.UncheckedIOException e) {
        // a log that cannot be read counts nothing
      }
    }
    return n;
  }

  /** Whether every worker is still running (one that died invalidates a scenario). */
  boolean allAlive() {
    return processes.stream().allMatch(Process::isAlive);
  }

  @Override
  public void close() {
    processes.forEach(Processes::stop);
  }
}
