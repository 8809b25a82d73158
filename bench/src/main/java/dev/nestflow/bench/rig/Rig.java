package dev.nestflow.bench.rig;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.bench.Moto;
import dev.nestflow.core.json.Json;
import dev.nestflow.infrastructure.queue.SqsQueue;
import dev.nestflow.infrastructure.store.DynamoDbExecutionStore;
import dev.nestflow.infrastructure.store.ExecutionRecord;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The scale rig: dynalite (DynamoDB) and ElasticMQ (SQS) on loopback behind a {@link CountingProxy}
 * each, moto_server for S3 when a scenario reads or writes it, and per scenario W {@code nestflow
 * serve} processes ({@link Workers}) on a fresh table and queue. Prints one JSON line per scenario
 * run on stdout (what was run, wall time, whether the output was right and how that was checked,
 * every DynamoDB and SQS request by operation, refused conditional writes, bytes and items read and
 * written, the largest item, log entries written) and, on stderr, progress and a closing summary
 * against the targets. The rig's own completion polling reads dynalite directly and is not
 * counted.
 *
 * <pre>bench/rig.sh [--scenarios map-wait,map-tasks,chain,nested,distmap] [--w 1,2,4] [--t 1] [--size N]
 *     [--wait-seconds 10] [--timeout-minutes 30] [--jvm "JVM OPTIONS"] [--out DIR]</pre>
 */
public final class Rig implements AutoCloseable {
  private static final AtomicInteger RUNS = new AtomicInteger();
  private static final Pattern DROPPED = Pattern.compile("dead-lettering transition|dropping transition");
  private static final Pattern FAILED = Pattern.compile("transition failed");

  private final Path root;
  private final Path logDir;
  private final Dynalite dynalite;
  private final ElasticMq elasticMq;
  private final Traffic traffic = new Traffic();
  private final CountingProxy dynamoProxy;
  private final CountingProxy sqsProxy;
  /** Whether the workers share a FIFO transitions queue (grouped by execution) instead of a standard one. */
  private boolean fifo;
  private final DynamoDbClient dynamo;
  private final SqsClient sqs;
  private Moto moto;

  private Rig(Path root, Path logDir, Dynalite dynalite, ElasticMq elasticMq) throws IOException {
    this.root = root;
    this.logDir = logDir;
    this.dynalite = dynalite;
    this.elasticMq = elasticMq;
    dynamoProxy = new CountingProxy(CountingProxy.Service.DYNAMODB, dynalite.endpoint(), traffic);
    sqsProxy = new CountingProxy(CountingProxy.Service.SQS, elasticMq.endpoint(), traffic);
    var creds = StaticCredentialsProvider.create(AwsBasicCredentials.create("rig", "rig"));
    dynamo = DynamoDbClient.builder().endpointOverride(dynalite.endpoint()).region(Region.US_EAST_1).credentialsProvider(creds)
        .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    sqs = SqsClient.builder().endpointOverride(elasticMq.endpoint()).region(Region.US_EAST_1).credentialsProvider(creds)
        .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
  }

  /** Why the rig cannot run from this checkout (node/npm, ElasticMQ's jars, nestflow.jar), or null when it can. */
  public static String missing(Path root) throws InterruptedException {
    if (!Files.isRegularFile(root.resolve("cli/target/nestflow.jar"))) {
      return root.resolve("cli/target/nestflow.jar") + " is missing: ./mvnw -B package -DskipTests";
    }
    String elasticMq = ElasticMq.missing(root);
    return elasticMq != null ? elasticMq : Dynalite.install();
  }

  /** Starts dynalite, ElasticMQ and the two counting proxies; logs go to {@code logDir}. */
  public static Rig start(Path root, Path logDir) throws IOException, InterruptedException {
    Dynalite d = Dynalite.start(logDir);
    try {
      ElasticMq q = ElasticMq.start(root, logDir);
      try {
        return new Rig(root, logDir, d, q);
      } catch (IOException | RuntimeException e) {
        q.close();
        throw e;
      }
    } catch (IOException | InterruptedException | RuntimeException e) {
      d.close();
      throw e;
    }
  }

  /** The repository this class was built in (bench/target/classes or bench/target/benchmarks.jar, two levels below). */
  public static Path repositoryRoot() {
    for (Path p = Workers.taskClasspath().toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("bench")) && Files.isDirectory(p.resolve("cli")) && Files.isRegularFile(p.resolve("pom.xml"))) {
        return p;
      }
    }
    return Path.of("").toAbsolutePath();
  }

  /** What a scenario's state machines and checks need of the rig. */
  public final class Setup {
    private final SfnClient api;
    private final String id;
    private double wallSeconds;

    private Setup(SfnClient api, String id) {
      this.api = api;
      this.id = id;
    }

    String stateMachine(String name, String definition) {
      return api.createStateMachine(b -> b.name(id + "-" + name).definition(definition)
          .roleArn("arn:aws:iam::123456789012:role/nestflow-rig")).stateMachineArn();
    }

    MotoS3 s3() {
      return new MotoS3(moto.endpoint());
    }

    String bucket() {
      return id;
    }

    double wallSeconds() {
      return wallSeconds;
    }
  }

  /** Runs one scenario at W worker processes of T threads each and returns its JSON line. */
  public ObjectNode run(Scenario scenario, int w, int t, Duration timeout, String jvm) throws IOException, InterruptedException {
    String id = "rig-" + scenario.name + "-w" + w + "t" + t + "-" + RUNS.incrementAndGet();
    // a FIFO transitions queue (serve makes one for a .fifo name, with a timers queue next to it)
    String queue = fifo ? id + ".fifo" : id;
    ObjectNode line = Json.MAPPER.createObjectNode();
    line.put("scenario", scenario.name).put("W", w).put("T", t).put("size", scenario.size);
    line.put("queue", fifo ? "fifo" : "standard");
    line.put("load_avg_start", loadAverage());
    URI s3 = null;
    if (scenario.needsS3()) {
      if (moto == null) {
        if (!Moto.available()) {
          return skipped(line, "moto_server is not on the PATH (S3 for the item reader and result writer)");
        }
        moto = Moto.start();
      }
      s3 = moto.endpoint();
    }
    DynamoDbExecutionStore.createTable(dynamo, id);
    SqsQueue.createQueue(sqs, queue);
    DynamoDbExecutionStore store = new DynamoDbExecutionStore(dynamo, id);
    try (Workers workers = Workers.start(root, logDir.resolve(id), w, t, dynamoProxy.endpoint(), sqsProxy.endpoint(), id, queue,
        s3, jvm);
        SfnClient api = sfn(workers.api(0))) {
      Setup setup = new Setup(api, id);
      List<Scenario.Start> starts;
      try {
        starts = scenario.prepare(setup);
      } catch (software.amazon.awssdk.services.sfn.model.SfnException e) {
        return skipped(line, "the engine refused the state machine: " + e.awsErrorDetails().errorCode() + ": "
            + e.awsErrorDetails().errorMessage());
      }
      line.put("executions", starts.size());
      traffic.reset();
      long t0 = System.nanoTime();
      List<String> arns = startAll(workers, starts);
      List<ExecutionRecord> done = await(store, arns, workers, timeout);
      setup.wallSeconds = (System.nanoTime() - t0) / 1e9;
      ObjectNode counts = traffic.snapshot();
      line.put("wall_s", Math.round(setup.wallSeconds * 10) / 10.0);
      Map<String, Integer> statuses = new TreeMap<>();
      done.forEach(r -> statuses.merge(r.status(), 1, Integer::sum));
      line.set("statuses", Json.MAPPER.valueToTree(statuses));
      boolean finished = done.stream().noneMatch(ExecutionRecord::running);
      Scenario.Check check = finished ? scenario.check(done, setup)
          : new Scenario.Check(false, "unfinished after " + timeout.toMinutes() + " min" + (workers.allAlive() ? "" : " (a worker died)"));
      line.put("correct", check.correct() ? "yes" : "no");
      line.put("check", check.what());
      if (scenario.needsS3() && finished && !"SUCCEEDED".equals(done.get(0).status())) {
        // a Distributed Map the engine cannot run yet (item readers, child executions): said, not counted as wrong
        line.put("correct", "skipped");
        line.put("skipped", true);
        line.put("reason", "the engine gave " + done.get(0).error() + ": " + Scenario.abbreviate(done.get(0).cause()));
      }
      line.setAll(counts);
      long ddb = counts.path("dynamodb").path("requests").asLong();
      ((ObjectNode) line.get("summary")).put("dynamodb_requests_per_item", Math.round(100.0 * ddb / Math.max(1, scenario.size)) / 100.0);
      ObjectNode ws = line.putObject("workers");
      ws.put("dead_lettered", workers.logLines(DROPPED));
      ws.put("failed_transitions", workers.logLines(FAILED));
      ws.put("all_alive", workers.allAlive());
      ws.put("task_invocations", workers.taskInvocations());
      ws.put("task_invocations_once_each", scenario.expectedInvocations());
      ws.put("jvm", jvm);
      line.put("load_avg_end", loadAverage());
      return line;
    }
  }

  private ObjectNode skipped(ObjectNode line, String reason) {
    line.put("skipped", true);
    line.put("reason", reason);
    return line;
  }

  private static SfnClient sfn(URI endpoint) {
    return SfnClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("rig", "rig")))
        .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
  }

  /** Starts every execution, at most 8 at a time, each on the next worker's API (as an API Lambda would take them). */
  private static List<String> startAll(Workers workers, List<Scenario.Start> starts) throws InterruptedException {
    List<SfnClient> apis = new ArrayList<>();
    for (int i = 0; i < workers.size(); i++) {
      apis.add(sfn(workers.api(i)));
    }
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<String>> arns = new ArrayList<>();
      for (int i = 0; i < starts.size(); i++) {
        Scenario.Start s = starts.get(i);
        SfnClient api = apis.get(i % apis.size());
        String name = "e" + i;
        arns.add(pool.submit(() -> api.startExecution(b -> b.stateMachineArn(s.stateMachineArn()).name(name).input(s.input()))
            .executionArn()));
      }
      List<String> out = new ArrayList<>();
      for (Future<String> f : arns) {
        out.add(f.get());
      }
      return out;
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("StartExecution failed: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdownNow();
      apis.forEach(SfnClient::close);
    }
  }

  /** Polls the executions' heads on dynalite itself (not through the proxy) until all ended, time ran out or a worker died. */
  private static List<ExecutionRecord> await(DynamoDbExecutionStore store, List<String> arns, Workers workers, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    ExecutionRecord[] latest = new ExecutionRecord[arns.size()];
    long lastReport = System.nanoTime();
    while (true) {
      int running = 0;
      for (int i = 0; i < arns.size(); i++) {
        if (latest[i] == null || latest[i].running()) {
          latest[i] = store.execution(arns.get(i)).orElseThrow();
          running += latest[i].running() ? 1 : 0;
        }
      }
      if (running == 0 || System.nanoTime() > deadline || !workers.allAlive()) {
        return Arrays.asList(latest);
      }
      if (System.nanoTime() - lastReport > Duration.ofSeconds(30).toNanos()) {
        System.err.printf("rig: %d of %d executions still running%n", running, arns.size());
        lastReport = System.nanoTime();
      }
      Thread.sleep(arns.size() > 50 ? 1000 : 250);
    }
  }

  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException | RuntimeException e) {
      return "n/a";
    }
  }

  @Override
  public void close() {
    dynamoProxy.close();
    sqsProxy.close();
    dynamo.close();
    sqs.close();
    if (moto != null) {
      moto.close();
    }
    elasticMq.close();
    dynalite.close();
  }

  public static void main(String[] args) throws Exception {
    RigOptions o;
    try {
      o = RigOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    Path root = o.root() != null ? o.root() : repositoryRoot();
    String missing = missing(root);
    if (missing != null) {
      System.err.println("rig: cannot run: " + missing);
      System.exit(2);
    }
    Path out = o.out() != null ? o.out() : root.resolve("bench/target/rig");
    System.err.println("rig: logs in " + out + "; load average " + loadAverage() + "; " + Runtime.getRuntime().availableProcessors()
        + " cores");
    List<ObjectNode> lines = new ArrayList<>();
    try (Rig rig = start(root, out)) {
      rig.fifo = o.fifo();
      Thread hook = new Thread(rig::close);
      Runtime.getRuntime().addShutdownHook(hook);
      for (String name : o.scenarios()) {
        for (int w : o.workersFor(name)) {
          Scenario s = Scenario.named(name, o.size(), o.waitSeconds());
          System.err.printf("rig: %s (size %d) at W=%d T=%d ...%n", name, s.size, w, o.threads());
          ObjectNode line;
          try {
            line = rig.run(s, w, o.threads(), o.timeout(), o.jvm());
          } catch (IOException | RuntimeException e) {
            // one scenario that could not run (a worker that did not start, a refused call) still gets its line
            line = Json.MAPPER.createObjectNode().put("scenario", name).put("W", w).put("T", o.threads()).put("size", s.size)
                .put("correct", "no").put("error", String.valueOf(e));
            e.printStackTrace();
          }
          System.out.println(Json.MAPPER.writeValueAsString(line));
          System.out.flush();
          lines.add(line);
        }
      }
      Runtime.getRuntime().removeShutdownHook(hook);
    }
    System.err.println("rig: summary (the issue's targets in brackets)");
    lines.forEach(l -> System.err.println("  " + summary(l)));
  }

  /** One line per scenario run against the "Done when". */
  static String summary(ObjectNode l) {
    String head = String.format("%-9s W=%d T=%d", l.path("scenario").asText(), l.path("W").asInt(), l.path("T").asInt());
    if (l.path("skipped").asBoolean()) {
      return head + ": skipped: " + l.path("reason").asText();
    }
    if (l.has("error")) {
      return head + ": could not run: " + l.path("error").asText();
    }
    var d = l.path("dynamodb");
    var s = l.path("summary");
    String common = String.format(" %.1f s, correct %s; refused appends %d = %.2f%% of %d log entries [<= 2%%]; log bytes read/written %.2f"
            + " [<= 2]; DynamoDB requests %d (%.2f per item), largest item %d B [<= 100 KB], longest log %d entries",
        l.path("wall_s").asDouble(), l.path("correct").asText(), d.path("refused_appends").asLong(),
        s.path("refused_appends_pct_of_log_entries").asDouble(), d.path("log_entries_written").asLong(),
        s.path("log_bytes_read_over_written").asDouble(), d.path("requests").asLong(), s.path("dynamodb_requests_per_item").asDouble(),
        d.path("largest_item").asLong(), d.path("longest_log").asLong());
    long expected = l.path("workers").path("task_invocations_once_each").asLong();
    String tasks = expected == 0 ? "" : String.format("; task invocations %d (once each: %d)",
        l.path("workers").path("task_invocations").asLong(), expected);
    return head + ":" + common + tasks;
  }
}
