package dev.nestflow.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nestflow.cli.Executables;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Runs src/test/sh/test-state.sh (TestState through the AWS CLI against nestflow serve); skipped without {@code aws}. */
class TestStateAwsCliTest {
  @Test
  void awsCliTestsPassRetriableAndCaughtStatesThroughServe() throws Exception {
    Assumptions.assumeTrue(Executables.onPath("aws"), "the AWS CLI is not on the PATH");
    try (LocalService service = LocalService.start(LocalService.Options.defaults().withPort(0), message -> {})) {
      Process process = new ProcessBuilder("bash", Path.of("src", "test", "sh", "test-state.sh").toString(),
          "http://127.0.0.1:" + service.port())
          .redirectErrorStream(true)
          .start();
      boolean ended = process.waitFor(120, TimeUnit.SECONDS);
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!ended) {
        process.destroyForcibly();
      }
      assertThat(ended).as(output).isTrue();
      assertThat(process.exitValue()).as(output).isZero();
      assertThat(output).contains("test-state.sh: OK");
    }
  }
}
