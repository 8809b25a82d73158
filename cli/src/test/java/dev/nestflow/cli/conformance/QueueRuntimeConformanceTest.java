package dev.nestflow.cli.conformance;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * Runs the whole corpus through the queue/store runtime ({@link ConformanceEngines#queueRuntime()},
 * {@code conformance --runtime queue}) and fails when a case listed in {@code
 * conformance/baseline-queue-result.txt} (result) or {@code baseline-queue-history.txt} (history)
 * does not pass; regenerate them with {@code .ci/update-queue-conformance-baseline}.
 */
class QueueRuntimeConformanceTest {

  @Test
  void everyQueueBaselineCasePasses() throws IOException {
    BaselineCheck.assertBaseline(ConformanceEngines.queueRuntime(),
        "conformance/baseline-queue-result.txt", "conformance/baseline-queue-history.txt");
  }
}
