package dev.nestflow.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nestflow.cli.bench.WorkloadRunner;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One short run of each benchmark, checking outputs, so the benchmarks never rot. The timed
 * benchmarks themselves run only on demand (see BENCHMARKS.md), never in the test suite.
 */
class BenchmarksSmokeTest {

  @ParameterizedTest
  @ValueSource(strings = {"pass-chain", "choice-loop", "map-inline", "parallel-fanout", "retry-catch", "payload-heavy", "nested"})
  void interpreterBenchmarkRunsEachWorkloadToItsExpectedOutput(String workload) {
    assumeTrue(Workloads.available(), "shared/bench/workloads is not beside the repository");
    InterpreterBenchmark bench = new InterpreterBenchmark();
    bench.workload = workload;
    bench.load();
    WorkloadRunner.Outcome o = bench.execution();
    bench.check();
    assertThat(o.status()).isEqualTo("SUCCEEDED");
    assertThat(new WorkloadRunner(Workloads.load(workload)).statesEntered()).isPositive();
  }

  @ParameterizedTest
  @ValueSource(strings = {"loop", "maploop", "map"})
  void coldRebuildReadsOnlyTheSnapshotAndTheEntriesAfterIt(String scenario) {
    ColdRebuild.Line line = ColdRebuild.run(scenario, 250, 2);
    assertThat(line.logEntries()).isBetween(240, 260);
    assertThat(line.snapshotSeq()).isPositive();
    assertThat(line.entriesRead()).isLessThan(line.logEntries() - line.snapshotSeq() + 1);
    assertThat(line.coldMedianMs()).isPositive();
  }

  @Test
  void latencyRunFinishesEveryExecutionEmbedded() throws Exception {
    Latency.Result tenStates = Latency.run(BenchCluster.embedded(TaskChain.echo(new LongAdder())), "smoke", false, 5, 1);
    Latency.Result nested = Latency.run(BenchCluster.embedded(TaskChain.echo(new LongAdder())), "smoke", true, 5, 1);
    assertThat(tenStates.allDone()).isTrue();
    assertThat(nested.allDone()).isTrue();
    assertThat(tenStates.p99Ms()).isGreaterThanOrEqualTo(tenStates.p50Ms());
  }

  @Test
  void scaleRunsSucceedEmbedded() throws Exception {
    LongAdder calls = new LongAdder();
    Scale.Result map = Scale.map(BenchCluster.embedded(TaskChain.echo(calls)), null, "smoke", 20);
    Scale.Result nested = Scale.nested(BenchCluster.embedded(TaskChain.echo(new LongAdder())), null, "smoke", 3);
    assertThat(map.status()).isEqualTo("SUCCEEDED");
    assertThat(calls.sum()).isEqualTo(20);
    assertThat(nested.status()).isEqualTo("3/3 SUCCEEDED");
  }

  @Test
  void costModelCountsTheRequestsOfATaskWorkflowOnMoto() throws Exception {
    assumeTrue(Moto.available(), "moto_server is not on the PATH");
    try (Moto moto = Moto.start()) {
      CostModel.Line line = CostModel.runTenStates(moto);
      assertThat(line.status()).isEqualTo("SUCCEEDED");
      assertThat(line.taskInvokes()).isEqualTo(5);
      assertThat(line.counts().total("DynamoDb.")).isPositive();
      assertThat(line.counts().total("Sqs.")).isPositive();
      assertThat(line.counts().writeUnits()).isPositive();
    }
  }

  @Test
  void lambdaFanOutInvokesEachIterationOnceInEveryMode() throws Exception {
    for (String mode : java.util.List.of("sequential", "concurrent", "runner")) {
      LambdaFanOut.Result r = LambdaFanOut.run(mode, 30, 10, 100, java.time.Duration.ofSeconds(60));
      assertThat(r.status()).as(mode).isEqualTo("SUCCEEDED");
      assertThat(r.invocations()).as(mode).isEqualTo(30);
      switch (mode) {
        case "sequential" -> assertThat(r.mostAtOnce()).isOne();
        case "concurrent" -> assertThat(r.mostAtOnce()).isEqualTo(10);
        default -> assertThat(r.mostAtOnce()).as("runners pick the tasks up one by one").isBetween(2, 10);
      }
    }
  }

  @Test
  void coldStartProbeHandlesItsFirstMessage() throws Exception {
    ColdStart.Measurement m = ColdStart.probeInThisJvm();
    assertThat(m.status()).isEqualTo("SUCCEEDED");
  }

  @Test
  void jsonataParsingBenchmarkGivesTheSameValueCachedAndParsedEveryTime() {
    JsonataParsingBenchmark bench = new JsonataParsingBenchmark();
    assertThat(bench.cached()).isEqualTo(bench.parsedEveryTime()).isEqualTo(bench.evaluateOnly());
    assertThat(bench.cached().get("total").asDouble()).isEqualTo(15.0);
  }
}
