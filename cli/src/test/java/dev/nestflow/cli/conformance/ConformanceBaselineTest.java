package dev.nestflow.cli.conformance;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * Runs the whole corpus through {@link ConformanceEngines#defaultEngine()} and fails when a case
 * listed in {@code conformance/baseline-result.txt} (result) or {@code baseline-history.txt}
 * (history) does not pass. Prints the counts and the ids that pass but are not listed yet.
 */
class ConformanceBaselineTest {

  @Test
  void everyBaselineCasePasses() throws IOException {
    BaselineCheck.assertBaseline(ConformanceEngines.defaultEngine(),
        "conformance/baseline-result.txt", "conformance/baseline-history.txt");
  }
}
