package dev.nestflow.bench.rig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One short run of the scale rig (the full runs are in BENCHMARKS.md): a 20-item Map with a 1 s
 * Wait at W = 2 single-thread workers, on dynalite and ElasticMQ behind the counting proxy. Skipped
 * where node/npm, ElasticMQ's jars or nestflow.jar cannot be had, except under CI=true, where the
 * rig must run.
 */
class RigSmokeTest {
  @Test
  void aSmallMapRunsOnTwoWorkersAndEveryRequestIsCounted(@TempDir Path logs) throws Exception {
    Path root = Rig.repositoryRoot();
    String missing = Rig.missing(root);
    if (!"true".equals(System.getenv("CI"))) {
      assumeTrue(missing == null, () -> "the scale rig cannot run here: " + missing);
    }
    assertThat(missing).as("the scale rig must run under CI").isNull();
    try (Rig rig = Rig.start(root, logs)) {
      ObjectNode line = rig.run(Scenario.named("map-wait", 20, 1), 2, 1, Duration.ofMinutes(2), Workers.DEFAULT_JVM);
      assertThat(line.path("statuses").path("SUCCEEDED").asInt()).as(line.toString()).isEqualTo(1);
      assertThat(line.path("correct").asText()).as(line.toString()).isEqualTo("yes");
      assertThat(line.path("W").asInt()).isEqualTo(2);
      assertThat(line.path("dynamodb").path("by_op").path("PutItem").asLong()).isPositive();
      assertThat(line.path("dynamodb").path("log_entries_written").asLong()).isPositive();
      assertThat(line.path("dynamodb").path("bytes_written").asLong()).isPositive();
      assertThat(line.path("dynamodb").path("largest_item").asLong()).isPositive();
      assertThat(line.path("sqs").path("messages_received").asLong()).isPositive();
      assertThat(line.path("workers").path("all_alive").asBoolean()).isTrue();
      assertThat(line.path("workers").path("task_invocations").asLong()).isZero(); // a Map of Waits calls no task
    }
  }
}
