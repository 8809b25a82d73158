package dev.nestflow.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * Scale: a Map whose N iterations each call a task (N up to 10,000), and M concurrent executions
 * each running a {@code .sync:2} child; embedded and on moto_server. Reports wall time, peak heap,
 * and on moto the largest DynamoDB item written and the read units per step (which grow with the
 * signal log when every step reads the whole log).
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.nestflow.bench.Scale [embedded|moto|both] [mapSizes] [concurrent]},
 * e.g. {@code both 1000,2500,5000,10000 1000}.
 */
public final class Scale {
  private Scale() {}

  public record Result(String label, int size, double seconds, long steps, long peakHeapMb, RequestCounter.Counts counts,
      String status) {
    String format() {
      String aws = counts == null ? "" : String.format("  ddb req %7d  RRU %9d (%.1f/step)  WRU %7d  largest item %7d B",
          counts.total("DynamoDb."), counts.readUnits(), (double) counts.readUnits() / Math.max(1, steps), counts.writeUnits(),
          counts.largestItemWritten());
      return String.format("%-30s size=%6d  %8.2f s  steps %6d  %8.3f ms/step  peak heap %5d MB  %s%s", label, size, seconds,
          steps, seconds * 1000 / Math.max(1, steps), peakHeapMb, status, aws);
    }
  }

  public static void main(String[] args) throws Exception {
    String where = args.length > 0 ? args[0] : "both";
    int[] sizes = args.length > 1 ? parse(args[1]) : new int[] {1000, 2500, 5000, 10000};
    int concurrent = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
    if (!where.equals("moto")) {
      for (int n : sizes) {
        System.out.println(map(BenchCluster.embedded(TaskChain.echo(new LongAdder())), null, "embedded Map of tasks", n).format());
      }
      System.out.println(nested(BenchCluster.embedded(TaskChain.echo(new LongAdder())), null, "embedded .sync:2 executions", concurrent).format());
    }
    if (!where.equals("embedded")) {
      try (Moto moto = Moto.start()) {
        for (int n : sizes) {
          RequestCounter counter = new RequestCounter();
          System.out.println(map(BenchCluster.onAws(moto.endpoint(), counter, TaskChain.echo(new LongAdder())), counter,
              "moto Map of tasks", n).format());
        }
        RequestCounter counter = new RequestCounter();
        System.out.println(nested(BenchCluster.onAws(moto.endpoint(), counter, TaskChain.echo(new LongAdder())), counter,
            "moto .sync:2 executions", concurrent).format());
      }
    }
  }

  public static Result map(BenchCluster cluster, RequestCounter counter, String label, int n) throws InterruptedException {
    String sm = cluster.register(BenchCluster.uniqueName("map"), TaskChain.mapOfTasks());
    if (counter != null) {
      counter.reset();
    }
    cluster.resetWork();
    resetPeaks();
    long t = System.nanoTime();
    String arn = cluster.runtime().commands().startExecution(sm, BenchCluster.uniqueName("m"), TaskChain.items(n)).executionArn();
    boolean done = cluster.runUntilDone(List.of(arn), 1, Duration.ofMinutes(30));
    double seconds = (System.nanoTime() - t) / 1e9;
    String status = done ? cluster.store().execution(arn).orElseThrow().status() : "UNFINISHED";
    return new Result(label, n, seconds, cluster.work().messages(), peakHeapMb(), counter == null ? null : counter.snapshot(), status);
  }

  public static Result nested(BenchCluster cluster, RequestCounter counter, String label, int m) throws InterruptedException {
    String child = cluster.register(BenchCluster.uniqueName("child"), TaskChain.CHILD);
    String parent = cluster.register(BenchCluster.uniqueName("parent"), TaskChain.parentOf(child));
    if (counter != null) {
      counter.reset();
    }
    cluster.resetWork();
    resetPeaks();
    long t = System.nanoTime();
    List<String> arns = new ArrayList<>();
    for (int i = 0; i < m; i++) {
      arns.add(cluster.runtime().commands().startExecution(parent, BenchCluster.uniqueName("p"), "{\"n\":" + i + "}").executionArn());
    }
    boolean done = cluster.runUntilDone(arns, counter == null ? 2 : 4, Duration.ofMinutes(30));
    double seconds = (System.nanoTime() - t) / 1e9;
    long succeeded = arns.stream().filter(a -> "SUCCEEDED".equals(cluster.store().execution(a).orElseThrow().status())).count();
    return new Result(label, m, seconds, cluster.work().messages(), peakHeapMb(), counter == null ? null : counter.snapshot(),
        (done ? "" : "UNFINISHED ") + succeeded + "/" + m + " SUCCEEDED");
  }

  private static void resetPeaks() {
    System.gc();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pool.resetPeakUsage();
      }
    }
  }

  /** Sum of the heap pools' peak usage since the last reset (an upper bound of the peak live heap). */
  private static long peakHeapMb() {
    long total = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        total += pool.getPeakUsage().getUsed();
      }
    }
    return total / (1024 * 1024);
  }

  private static int[] parse(String csv) {
    return java.util.Arrays.stream(csv.split(",")).mapToInt(Integer::parseInt).toArray();
  }
}
