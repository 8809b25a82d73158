package dev.nestflow.cli.serve;

import dev.nestflow.cli.Executables;

import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Runs src/test/sh/aws-cli.sh (the AWS CLI against nestflow serve); skipped where no {@code aws} is installed. */
class AwsCliTest {
  @Test
  void awsCliDrivesANestedCallbackWorkflowThroughServe() throws Exception {
    Assumptions.assumeTrue(Executables.onPath("aws"), "the AWS CLI is not on the PATH");
    try (LocalService service = LocalService.start(LocalService.Options.defaults().withPort(0), message -> {})) {
      ShellScripts.assertPasses("aws-cli.sh", Duration.ofSeconds(120), "http://127.0.0.1:" + service.port());
    }
  }
}
