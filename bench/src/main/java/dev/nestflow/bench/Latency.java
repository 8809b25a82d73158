package dev.nestflow.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * End-to-end latency and throughput of the queue/store runtime: N concurrent executions of the
 * 10-state workflow (5 Pass, 5 Task) and the nested round trip (parent {@code .sync:2} → child →
 * parent resumed), start → completion, embedded (in-memory adapters) and on moto_server.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.nestflow.bench.Latency [embedded|moto|both] [N...]}
 */
public final class Latency {
  private Latency() {}

  /** Executions per second and start→completion percentiles of one run. */
  public record Result(String label, int executions, int workers, double seconds, double p50Ms, double p99Ms, boolean allDone) {
    double perSecond() {
      return executions / seconds;
    }

    String format() {
      return String.format("%-34s N=%5d workers=%d  %9.1f exec/s  p50 %8.1f ms  p99 %8.1f ms%s", label, executions, workers,
          perSecond(), p50Ms, p99Ms, allDone ? "" : "  (NOT ALL FINISHED)");
    }
  }

  public static void main(String[] args) throws Exception {
    String where = args.length > 0 ? args[0] : "both";
    int[] ns = args.length > 1 ? Arrays.stream(args).skip(1).mapToInt(Integer::parseInt).toArray() : new int[] {1, 100, 1000};
    if (!where.equals("moto")) {
      // warm the JIT once for both workflows, not measured
      run(BenchCluster.embedded(TaskChain.echo(new LongAdder())), "warm-up", false, 200, 2);
      run(BenchCluster.embedded(TaskChain.echo(new LongAdder())), "warm-up", true, 200, 2);
      for (int n : ns) {
        System.out.println(run(BenchCluster.embedded(TaskChain.echo(new LongAdder())), "embedded 10-state", false, n, 2).format());
        System.out.println(run(BenchCluster.embedded(TaskChain.echo(new LongAdder())), "embedded nested round trip", true, n, 2).format());
      }
    }
    if (!where.equals("embedded")) {
      try (Moto moto = Moto.start()) {
        for (int n : ns) {
          int m = Math.min(n, 100);
          int workers = m == 1 ? 1 : 4;
          System.out.println(run(BenchCluster.onAws(moto.endpoint(), new RequestCounter(), TaskChain.echo(new LongAdder())),
              "moto 10-state", false, m, workers).format());
          System.out.println(run(BenchCluster.onAws(moto.endpoint(), new RequestCounter(), TaskChain.echo(new LongAdder())),
              "moto nested round trip", true, m, workers).format());
        }
      }
    }
  }

  /** Starts {@code n} executions at once and runs {@code workers} state-advance workers until all finish. */
  public static Result run(BenchCluster cluster, String label, boolean nested, int n, int workers) throws InterruptedException {
    String sm;
    if (nested) {
      String child = cluster.register(BenchCluster.uniqueName("child"), TaskChain.CHILD);
      sm = cluster.register(BenchCluster.uniqueName("parent"), TaskChain.parentOf(child));
    } else {
      sm = cluster.register(BenchCluster.uniqueName("ten"), TaskChain.tenStates());
    }
    List<String> arns = new ArrayList<>();
    long[] started = new long[n];
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      started[i] = System.nanoTime();
      arns.add(cluster.runtime().commands().startExecution(sm, BenchCluster.uniqueName("e"), "{\"n\":" + i + "}").executionArn());
    }
    boolean done = cluster.runUntilDone(arns, workers, Duration.ofMinutes(10));
    double[] latencies = new double[n];
    long last = t0;
    for (int i = 0; i < n; i++) {
      long end = cluster.completedAt(arns.get(i)).orElse(System.nanoTime());
      last = Math.max(last, end);
      latencies[i] = (end - started[i]) / 1e6;
    }
    Arrays.sort(latencies);
    return new Result(label, n, workers, (last - t0) / 1e9, percentile(latencies, 0.50), percentile(latencies, 0.99), done);
  }

  static double percentile(double[] sorted, double p) {
    int i = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }
}
