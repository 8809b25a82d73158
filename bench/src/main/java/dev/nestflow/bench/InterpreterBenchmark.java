package dev.nestflow.bench;

import dev.nestflow.cli.bench.WorkloadRunner;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Interpreter throughput: one execution of a workload per operation, in-process, warm, history
 * recording on. Every run's output is checked against {@code expected.json} (a mismatch fails the
 * benchmark); states entered per second = states entered per execution / seconds per operation
 * ({@code Main} prints it).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class InterpreterBenchmark {
  @Param({"pass-chain", "choice-loop", "map-inline", "parallel-fanout", "retry-catch", "payload-heavy", "nested"})
  public String workload;

  private WorkloadRunner runner;
  private long mismatches;

  @Setup(Level.Trial)
  public void load() {
    runner = new WorkloadRunner(Workloads.load(workload));
    WorkloadRunner.Outcome first = runner.runOnce();
    if (!runner.matches(first)) {
      throw new IllegalStateException(workload + ": output differs from expected.json: " + WorkloadRunner.describe(first));
    }
  }

  @Benchmark
  public WorkloadRunner.Outcome execution() {
    WorkloadRunner.Outcome o = runner.runOnce();
    if (!runner.matches(o)) {
      mismatches++;
    }
    return o;
  }

  @TearDown(Level.Trial)
  public void check() {
    if (mismatches > 0) {
      throw new IllegalStateException(workload + ": " + mismatches + " runs differed from expected.json");
    }
  }
}
