package dev.nestflow.bench;

import dev.nestflow.infrastructure.queue.InMemoryQueue;
import dev.nestflow.infrastructure.queue.SqsQueue;
import dev.nestflow.infrastructure.runtime.ExecutionRuntime;
import dev.nestflow.infrastructure.runtime.TaskTokens;
import dev.nestflow.infrastructure.store.DynamoDbExecutionStore;
import dev.nestflow.infrastructure.store.InMemoryExecutionStore;
import dev.nestflow.infrastructure.store.StateMachineRecord;
import dev.nestflow.infrastructure.tasks.TaskInvoker;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Lambda cold start, approximated: a fresh JVM on a runtime jar (infrastructure + core + AWS SDK)
 * from process start to the first SQS batch applied by the runtime (against moto_server), run
 * {@code runs} times, with the JVM's default flags and with Lambda's Java default
 * ({@code -XX:TieredStopAtLevel=1}).
 *
 * <p>Usage: {@code java -cp bench/target/benchmarks.jar dev.nestflow.bench.ColdStart [RUNTIME_JAR [runs ["JVM flags"...]]]};
 * RUNTIME_JAR (default {@code bench/target/runtime-probe.jar}) is the runtime's classes shaded with
 * the probe, which this module's build makes.
 */
public final class ColdStart {
  private ColdStart() {}

  /** One cold start: ms from spawn to clients built, runtime built, first batch received, and applied. */
  public record Measurement(long clientsMs, long initMs, long receivedMs, long handledMs, String status) {}

  static final String DEFINITION =
      "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"Parameters\":{\"x.$\":\"$.x\"},\"Next\":\"B\"},\"B\":{\"Type\":\"Pass\",\"End\":true}}}";

  public static void main(String[] args) throws Exception {
    Path runtimeJar = Path.of(args.length > 0 ? args[0] : "bench/target/runtime-probe.jar");
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    System.out.printf("runtime jar %s: %.1f MB%n", runtimeJar, Files.size(runtimeJar) / 1048576.0);
    try (Moto moto = Moto.start()) {
      List<List<String>> variants = new ArrayList<>(List.of(List.of(), List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1")));
      for (int i = 2; i < args.length; i++) {
        variants.add(Arrays.asList(args[i].split(" ")));
      }
      for (List<String> flags : variants) {
        List<Measurement> ms = new ArrayList<>();
        for (int i = 0; i < runs + 1; i++) {
          Measurement m = coldStart(moto, runtimeJar, flags);
          if (i > 0) { // the first run warms the OS file cache
            ms.add(m);
          }
        }
        ms.sort(java.util.Comparator.comparingLong(Measurement::handledMs));
        Measurement median = ms.get(ms.size() / 2);
        System.out.printf("%-48s first batch applied: median %4d ms (min %d, max %d, %d runs); the median run: clients built %d ms,"
                + " runtime built %d ms, batch received %d ms%n",
            flags.isEmpty() ? "(JVM defaults)" : String.join(" ", flags), median.handledMs(), ms.get(0).handledMs(),
            ms.get(ms.size() - 1).handledMs(), ms.size(), median.clientsMs(), median.initMs(), median.receivedMs());
      }
    }
  }

  static Measurement coldStart(Moto moto, Path runtimeJar, List<String> flags) throws Exception {
    StaticCredentialsProvider creds = StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
    DynamoDbClient dynamo = DynamoDbClient.builder().endpointOverride(moto.endpoint()).region(Region.US_EAST_1)
        .credentialsProvider(creds).httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    SqsClient sqs = SqsClient.builder().endpointOverride(moto.endpoint()).region(Region.US_EAST_1)
        .credentialsProvider(creds).httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    String name = BenchCluster.uniqueName("cold") + "-" + Long.toString(System.nanoTime(), 36);
    DynamoDbExecutionStore.createTable(dynamo, name);
    String url = SqsQueue.createQueue(sqs, name);
    DynamoDbExecutionStore store = new DynamoDbExecutionStore(dynamo, name);
    ExecutionRuntime starter = new ExecutionRuntime(store, new SqsQueue(sqs, url), TaskInvoker.none(), Clock.systemUTC(),
        TaskTokens.randomKey());
    String sm = "arn:aws:states:us-east-1:123456789012:stateMachine:cold";
    store.putStateMachine(new StateMachineRecord(sm, "cold", "STANDARD", DEFINITION, BenchCluster.ROLE, 0));
    String arn = starter.commands().startExecution(sm, "cold-1", "{\"x\":1}").executionArn();

    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(flags);
    command.addAll(Arrays.asList("-cp", runtimeJar.toString(), ColdStartProbe.class.getName(),
        moto.endpoint().toString(), name, url));
    long spawn = System.currentTimeMillis();
    command.add(Long.toString(spawn));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String last = null;
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        if (line.matches("\\d+ \\d+ \\d+ \\d+")) {
          last = line;
        }
      }
    }
    if (p.waitFor() != 0 || last == null) {
      throw new IllegalStateException("cold-start probe failed: " + last);
    }
    String[] parts = last.trim().split(" ");
    String status = store.execution(arn).orElseThrow().status();
    return new Measurement(Long.parseLong(parts[2]), Long.parseLong(parts[0]), Long.parseLong(parts[3]), Long.parseLong(parts[1]),
        status);
  }

  /** The probe's work in this JVM over the in-memory adapters (for the smoke test). */
  public static Measurement probeInThisJvm() {
    long t = System.currentTimeMillis();
    InMemoryExecutionStore store = new InMemoryExecutionStore();
    InMemoryQueue queue = new InMemoryQueue(Clock.systemUTC());
    ExecutionRuntime runtime = new ExecutionRuntime(store, queue, TaskInvoker.none(), Clock.systemUTC(), TaskTokens.randomKey());
    String sm = "arn:aws:states:us-east-1:123456789012:stateMachine:cold";
    store.putStateMachine(new StateMachineRecord(sm, "cold", "STANDARD", DEFINITION, BenchCluster.ROLE, 0));
    String arn = runtime.commands().startExecution(sm, "cold-1", "{\"x\":1}").executionArn();
    long init = System.currentTimeMillis() - t;
    ColdStartProbe.handleFirstBatch(runtime, queue);
    return new Measurement(init, init, init, System.currentTimeMillis() - t, store.execution(arn).orElseThrow().status());
  }
}
