package dev.nestflow.cli.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.json.Json;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Times a workload warm: a first checked run, warm-up runs (at least {@code warmup}, at least
 * {@code warmupMillis} of wall time, and until the heap is in its steady state), then
 * {@code repeat} timed runs whose median is reported.
 *
 * <p>Why the steady state: a collector that grows the heap (G1 and Parallel by default) hands out
 * a larger young generation after each growth, and the first time the program allocates into that
 * memory every 4 KiB page is a page fault (the kernel maps and zeroes it). A map-inline run
 * allocates about 30 MB, so measuring inside that first pass costs about 7,000 page faults per run
 * and made the same work 8x slower in some JVM runs than in others. Warm-up therefore goes on
 * until {@link #STEADY_RUNS} runs in a row, one of them begun after a collection within that
 * streak, put at most a tenth of their allocation on fresh pages (where page faults cannot be counted: until two collections have happened since the committed
 * heap last changed; G1 may also enlarge the young generation inside memory already committed,
 * which is why the page faults are the better signal), bounded by
 * {@link #STEADY_LIMIT_FACTOR} times the warm-up time.
 * The result line also gives the thread CPU time, the collections and the page faults of the timed
 * runs, so a slow run shows its mechanism.
 */
public final class WorkloadTiming {
  /** Extra warm-up spent waiting for a steady heap, at most this many times {@code warmupMillis}. */
  static final int STEADY_LIMIT_FACTOR = 5;
  /** Consecutive warm-up runs that must allocate into memory touched before. */
  static final int STEADY_RUNS = 5;
  private static final long PAGE = 4096;

  /**
   * The result line: {@code {"workload","warm_median_ms","warm_min_ms","cpu_median_ms","states_entered","states_per_sec",
   * "gcs","page_faults_per_run","output_matches"}}; states per second are from the median;
   * {@code page_faults_per_run} is -1 where the platform does not tell (it is read on Linux).
   */
  public record Result(
      String workload, double warmMedianMs, double warmMinMs, double cpuMedianMs, long statesEntered, double statesPerSec,
      long gcs, long pageFaultsPerRun, boolean outputMatches) {
    public ObjectNode toJson() {
      ObjectNode o = Json.object();
      o.put("workload", workload);
      o.put("warm_median_ms", round(warmMedianMs));
      o.put("warm_min_ms", round(warmMinMs));
      o.put("cpu_median_ms", round(cpuMedianMs));
      o.put("states_entered", statesEntered);
      o.put("states_per_sec", Math.round(statesPerSec));
      o.put("gcs", gcs);
      o.put("page_faults_per_run", pageFaultsPerRun);
      o.put("output_matches", outputMatches);
      return o;
    }

    private static double round(double millis) {
      return Math.round(millis * 1000) / 1000.0;
    }
  }

  private WorkloadTiming() {}

  public static Result measure(WorkloadRunner runner, int warmup, long warmupMillis, int repeat) {
    WorkloadRunner.Outcome first = runner.runOnce();
    boolean matches = runner.matches(first);
    long start = System.nanoTime();
    long deadline = start + warmupMillis * 1_000_000L;
    long steadyDeadline = start + warmupMillis * STEADY_LIMIT_FACTOR * 1_000_000L;
    long committed = committedHeap();
    long gcsAtChange = collections();
    int runsWithoutFreshMemory = 0;
    long gcsAtStreakStart = collections();
    boolean streakSpansCollection = false;
    boolean faultsKnown = minorFaults() >= 0 && allocatedBytes() >= 0;
    for (int i = 0; i < warmup || System.nanoTime() < deadline
        || (!steady(faultsKnown, streakSpansCollection ? runsWithoutFreshMemory : 0, collections() - gcsAtChange)
            && System.nanoTime() < steadyDeadline);
        i++) {
      long faults = minorFaults();
      long allocated = allocatedBytes();
      long gcsBefore = collections();
      WorkloadRunner.Outcome o = runner.runOnce();
      matches &= runner.matches(o);
      if (touchedFreshMemory(faults, allocated)) {
        runsWithoutFreshMemory = 0;
        gcsAtStreakStart = collections();
        streakSpansCollection = false;
      } else {
        runsWithoutFreshMemory++;
        // a clean run that started after a collection inside the streak: the young generation the
        // collector chose then is already touched
        streakSpansCollection |= gcsBefore > gcsAtStreakStart;
      }
      long now = committedHeap();
      if (now != committed) {
        committed = now;
        gcsAtChange = collections();
      }
    }
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    boolean cpu = threads.isCurrentThreadCpuTimeSupported();
    double[] millis = new double[Math.max(1, repeat)];
    double[] cpuMillis = new double[millis.length];
    long gcs = collections();
    long faults = minorFaults();
    for (int i = 0; i < millis.length; i++) {
      long c = cpu ? threads.getCurrentThreadCpuTime() : 0;
      long t = System.nanoTime();
      WorkloadRunner.Outcome o = runner.runOnce();
      millis[i] = (System.nanoTime() - t) / 1e6;
      cpuMillis[i] = cpu ? (threads.getCurrentThreadCpuTime() - c) / 1e6 : millis[i];
      matches &= runner.matches(o);
    }
    gcs = collections() - gcs;
    long faultsPerRun = faults < 0 ? -1 : Math.max(0, minorFaults() - faults) / millis.length;
    double median = median(millis);
    long states = runner.statesEntered();
    return new Result(runner.workload().name(), median, millis[0], median(cpuMillis), states, states / (median / 1000), gcs,
        faultsPerRun, matches);
  }

  /**
   * Steady: where page faults can be counted, {@link #STEADY_RUNS} runs in a row without fresh
   * memory; elsewhere, two collections since the committed heap last changed.
   */
  private static boolean steady(boolean faultsKnown, int runsWithoutFreshMemory, long collectionsSinceHeapChange) {
    return faultsKnown ? runsWithoutFreshMemory >= STEADY_RUNS : collectionsSinceHeapChange >= 2;
  }

  /** Sorts {@code values} and returns their median. */
  static double median(double[] values) {
    Arrays.sort(values);
    return values.length % 2 == 1
        ? values[values.length / 2]
        : (values[values.length / 2 - 1] + values[values.length / 2]) / 2;
  }

  private static long collections() {
    long n = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      n += Math.max(0, gc.getCollectionCount());
    }
    return n;
  }

  /**
   * Whether the run since {@code faults} and {@code allocated} put more than a tenth of what it
   * allocated on pages never touched before (one minor page fault per new page). False where
   * either count is unknown.
   */
  private static boolean touchedFreshMemory(long faults, long allocated) {
    long faultsNow = minorFaults();
    long allocatedNow = allocatedBytes();
    if (faults < 0 || faultsNow < 0 || allocated < 0 || allocatedNow < 0) {
      return false;
    }
    return (faultsNow - faults) * PAGE * 10 > allocatedNow - allocated;
  }

  /** Bytes this thread has allocated so far, or -1 where the JVM does not tell. */
  private static long allocatedBytes() {
    if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean threads
        && threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled()) {
      return threads.getThreadAllocatedBytes(Thread.currentThread().getId());
    }
    return -1;
  }

  private static long committedHeap() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted();
  }

  /** The process's minor page faults so far (Linux {@code /proc/self/stat}), or -1 elsewhere. */
  private static long minorFaults() {
    try {
      String stat = Files.readString(Path.of("/proc/self/stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(fields[7]);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }
}
