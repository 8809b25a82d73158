package dev.nestflow.bench;

import dev.nestflow.cli.bench.WorkloadRunner;
import java.util.Collection;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link InterpreterBenchmark} (JMH options may be given as usual, e.g. {@code -p workload=pass-chain})
 * and prints states entered per second for each workload.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws Exception {
    Options options = new OptionsBuilder()
        .parent(new CommandLineOptions(args))
        .include(InterpreterBenchmark.class.getSimpleName())
        .jvmArgsAppend("-Dnestflow.bench.workloads=" + Workloads.dir())
        .build();
    Collection<RunResult> results = new Runner(options).run();
    System.out.println();
    System.out.printf("%-16s %12s %14s %16s%n", "workload", "ms/execution", "states entered", "states/s");
    for (RunResult r : results) {
      String workload = r.getParams().getParam("workload");
      double ms = r.getPrimaryResult().getScore();
      long states = new WorkloadRunner(Workloads.load(workload)).statesEntered();
      System.out.printf("%-16s %12.3f %14d %,16.0f%n", workload, ms, states, states / (ms / 1000));
    }
  }
}
