package dev.nestflow.bench;

import dev.nestflow.cli.bench.Workload;
import dev.nestflow.cli.bench.WorkloadRunner;
import dev.nestflow.core.json.Json;
import dev.nestflow.infrastructure.store.ExecutionRecord;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * The distributed-mode cost model: runs each workload (and a 10-state Task workflow and a nested
 * round trip) through the queue/store runtime on DynamoDB and SQS (moto_server), counts every AWS
 * request, and prices the run per million state transitions.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.nestflow.bench.CostModel [workload...]}
 */
public final class CostModel {
  private CostModel() {}

  /** One priced run. */
  public record Line(String workload, long transitions, long steps, RequestCounter.Counts counts, long taskInvokes,
      long lambdaInvokes, double lambdaSeconds, String status, boolean outputMatches) {
    /** Dollars per million transitions for DynamoDB, SQS and Lambda requests (state-advance and task invokes). */
    double dollarsPerMillion() {
      return Prices.dollars(counts, lambdaInvokes + taskInvokes, 0, 0) / transitions * 1e6;
    }

    /**
     * Dollars per million transitions for the state-advance Lambda's compute at 512 MB, from the
     * time it spent applying messages here (an upper bound: moto answers slower than DynamoDB).
     */
    /**
     * The same without the task functions' invocations: what the engine itself costs (a workflow's
     * own Lambda functions are invoked, and billed, under AWS Step Functions just the same).
     */
    double engineDollarsPerMillion() {
      return Prices.dollars(counts, lambdaInvokes, 0, 0) / transitions * 1e6;
    }

    double lambdaComputePerMillion() {
      return lambdaSeconds * 0.5 * Prices.LAMBDA_PER_GB_SECOND / transitions * 1e6;
    }

    String format() {
      long ddb = counts.total("DynamoDb.");
      long sqs = counts.total("Sqs.");
      return String.format("%-18s %6d %6d %7d %7d %7d %7.2f %7.2f %8.3f %9.1f %8d  $%8.4f  $%8.4f  $%8.4f  %s%s",
          workload, transitions, steps, ddb, sqs, lambdaInvokes + taskInvokes,
          (double) ddb / transitions, (double) sqs / transitions, (double) counts.writeUnits() / transitions,
          (double) counts.bytesWritten() / transitions, counts.largestItemWritten(), dollarsPerMillion(), engineDollarsPerMillion(),
          lambdaComputePerMillion(), status,
          outputMatches ? "" : " (output differs)");
    }
  }

  public static String header() {
    return String.format("%-18s %6s %6s %7s %7s %7s %7s %7s %8s %9s %8s  %9s  %9s  %9s  %s", "workload", "trans", "steps",
        "ddb req", "sqs req", "lambda", "ddb/tr", "sqs/tr", "WRU/tr", "B wr/tr", "max item", "$/M req", "$/M engine",
        "$/M GB-s", "status");
  }

  public static void main(String[] args) throws Exception {
    List<String> names = args.length > 0 ? List.of(args) : List.of(Workloads.ALL);
    try (Moto moto = Moto.start()) {
      System.out.println(header());
      for (String name : names) {
        Line line = runWorkload(moto, Workloads.load(name));
        System.out.println(line.format());
        System.out.println("    " + line.counts().requests());
      }
      for (Line line : List.of(runTenStates(moto), runNested(moto))) {
        System.out.println(line.format());
        System.out.println("    " + line.counts().requests());
      }
    }
  }

  public static Line runWorkload(Moto moto, Workload w) throws InterruptedException {
    RequestCounter counter = new RequestCounter();
    LongAdder tasks = new LongAdder();
    BenchCluster cluster = BenchCluster.onAws(moto.endpoint(), counter, TaskChain.echo(tasks));
    String arn = cluster.register(BenchCluster.uniqueName("bench-" + w.name()), w.definitionText());
    for (Map.Entry<String, String> child : w.children().entrySet()) {
      cluster.register(child.getKey(), child.getValue());
    }
    counter.reset();
    return run(cluster, counter, tasks, w.name(), arn, w.inputText(), new WorkloadRunner(w).statesEntered(), w);
  }

  public static Line runTenStates(Moto moto) throws InterruptedException {
    RequestCounter counter = new RequestCounter();
    LongAdder tasks = new LongAdder();
    BenchCluster cluster = BenchCluster.onAws(moto.endpoint(), counter, TaskChain.echo(tasks));
    String arn = cluster.register(BenchCluster.uniqueName("ten"), TaskChain.tenStates());
    counter.reset();
    return run(cluster, counter, tasks, "10-state (5 Task)", arn, "{\"n\":0}", 10, null);
  }

  public static Line runNested(Moto moto) throws InterruptedException {
    RequestCounter counter = new RequestCounter();
    LongAdder tasks = new LongAdder();
    BenchCluster cluster = BenchCluster.onAws(moto.endpoint(), counter, TaskChain.echo(tasks));
    String child = cluster.register(BenchCluster.uniqueName("child"), TaskChain.CHILD);
    String arn = cluster.register(BenchCluster.uniqueName("parent"), TaskChain.parentOf(child));
    counter.reset();
    return run(cluster, counter, tasks, "nested .sync:2", arn, "{\"n\":21}", 2, null);
  }

  private static Line run(BenchCluster cluster, RequestCounter counter, LongAdder tasks, String label, String smArn,
      String input, long transitions, Workload w) throws InterruptedException {
    cluster.resetWork();
    String exec = cluster.runtime().commands().startExecution(smArn, BenchCluster.uniqueName("run"), input).executionArn();
    boolean done = cluster.runUntilDone(List.of(exec), 1, Duration.ofMinutes(10));
    RequestCounter.Counts counts = counter.snapshot();
    BenchCluster.Work work = cluster.work();
    ExecutionRecord head = cluster.store().execution(exec).orElseThrow();
    boolean matches = w == null || (head.outputText() != null && w.expected().equals(Json.parse(head.outputText())));
    return new Line(label, transitions, work.messages(), counts, tasks.sum(), work.invocations(), work.busySeconds(),
        done ? head.status() : "UNFINISHED", matches);
  }
}
