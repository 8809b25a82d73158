package dev.nestflow.cli.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.json.Json;
import java.util.Arrays;

/**
 * Times a workload warm: a first checked run, warm-up runs (at least {@code warmup} and at least
 * {@code warmupMillis} of wall time), then {@code repeat} timed runs whose median is reported.
 */
public final class WorkloadTiming {
  /**
   * The result line: {@code {"workload","warm_median_ms","warm_min_ms","states_entered","states_per_sec","output_matches"}};
   * states per second are from the median.
   */
  public record Result(
      String workload, double warmMedianMs, double warmMinMs, long statesEntered, double statesPerSec, boolean outputMatches) {
    public ObjectNode toJson() {
      ObjectNode o = Json.object();
      o.put("workload", workload);
      o.put("warm_median_ms", Math.round(warmMedianMs * 1000) / 1000.0);
      o.put("warm_min_ms", Math.round(warmMinMs * 1000) / 1000.0);
      o.put("states_entered", statesEntered);
      o.put("states_per_sec", Math.round(statesPerSec));
      o.put("output_matches", outputMatches);
      return o;
    }
  }

  private WorkloadTiming() {}

  public static Result measure(WorkloadRunner runner, int warmup, long warmupMillis, int repeat) {
    WorkloadRunner.Outcome first = runner.runOnce();
    boolean matches = runner.matches(first);
    long deadline = System.nanoTime() + warmupMillis * 1_000_000L;
    for (int i = 0; i < warmup || System.nanoTime() < deadline; i++) {
      WorkloadRunner.Outcome o = runner.runOnce();
      matches &= runner.matches(o);
    }
    double[] millis = new double[Math.max(1, repeat)];
    for (int i = 0; i < millis.length; i++) {
      long t = System.nanoTime();
      WorkloadRunner.Outcome o = runner.runOnce();
      millis[i] = (System.nanoTime() - t) / 1e6;
      matches &= runner.matches(o);
    }
    Arrays.sort(millis);
    double median = millis.length % 2 == 1
        ? millis[millis.length / 2]
        : (millis[millis.length / 2 - 1] + millis[millis.length / 2]) / 2;
    long states = runner.statesEntered();
    return new Result(runner.workload().name(), median, millis[0], states, states / (median / 1000), matches);
  }
}
