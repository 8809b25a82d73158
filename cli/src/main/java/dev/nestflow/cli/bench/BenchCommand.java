package dev.nestflow.cli.bench;

import dev.nestflow.core.json.Json;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code nestflow bench WORKLOAD_DIR... [--repeat N]}: one JSON line per workload. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Run benchmark workloads in-process, warm, with history recording on, check each output against",
      "expected.json and print one JSON line per workload:",
      "{\"workload\",\"warm_median_ms\",\"states_entered\",\"states_per_sec\",\"output_matches\"}."
    })
public final class BenchCommand implements Callable<Integer> {
  @Parameters(paramLabel = "WORKLOAD_DIR", arity = "1..*",
      description = "directories with definition.json, input.json, expected.json (and children.json)")
  List<Path> workloads;

  @Option(names = "--repeat", description = "timed runs per workload; the median is reported (default 20)")
  int repeat = 20;

  @Option(names = "--warmup", description = "untimed warm-up runs per workload (default 20)")
  int warmup = 20;

  @Option(names = "--warmup-ms", description = "minimum warm-up wall time per workload in ms (default 2000)")
  long warmupMillis = 2000;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    boolean allMatch = true;
    for (Path dir : workloads) {
      if (!Files.isRegularFile(dir.resolve("definition.json"))) {
        err.println("skipped " + dir + ": not a workload directory (no definition.json)");
        err.flush();
        continue;
      }
      WorkloadTiming.Result r = WorkloadTiming.measure(new WorkloadRunner(Workload.load(dir)), warmup, warmupMillis, repeat);
      out.println(Json.write(r.toJson()));
      out.flush();
      allMatch &= r.outputMatches();
    }
    return allMatch ? 0 : 1;
  }
}
