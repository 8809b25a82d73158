package dev.nestflow.cli.serve;


import dev.nestflow.cli.Executables;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Runs src/test/sh/test-state.sh (TestState through the AWS CLI against nestflow serve); skipped without {@code aws}. */
class TestStateAwsCliTest {
  @Test
  void awsCliTestsPassRetriableAndCaughtStatesThroughServe() throws Exception {
    Assumptions.assumeTrue(Executables.onPath("aws"), "the AWS CLI is not on the PATH");
    try (LocalService service = LocalService.start(LocalService.Options.defaults().withPort(0), message -> {})) {
      ShellScripts.assertPasses("test-state.sh", Duration.ofSeconds(120), "http://127.0.0.1:" + service.port());
    }
  }
}
