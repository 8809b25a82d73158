package dev.nestflow.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nestflow.cli.Executables;
import dev.nestflow.infrastructure.api.SfnApi;
import dev.nestflow.infrastructure.mocks.MockConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Runs src/test/sh/mock-config.sh: the AWS CLI starts the documented LambdaSQSIntegration sample
 * with #HappyPath, #RetryPath and #HybridPath against serve; skipped where no {@code aws} is installed.
 */
class MockConfigServeTest {
  static final Path EXAMPLE = Path.of("..", "examples", "mock-config");

  @Test
  void theDocumentedTestCasesRunThroughServeWithTestCaseArns() throws Exception {
    Assumptions.assumeTrue(Executables.onPath("aws"), "the AWS CLI is not on the PATH");
    TestingOptions testing = new TestingOptions(MockConfig.read(EXAMPLE.resolve("MockConfigFile.json")), true);
    try (LocalService service = LocalService.start(LocalService.Options.defaults().withPort(0), testing, message -> {})) {
      ShellScripts.assertPasses("mock-config.sh", Duration.ofSeconds(180), "http://127.0.0.1:" + service.port(),
          EXAMPLE.toAbsolutePath().normalize().toString());
    }
  }

  @Test
  void aTestCaseWithoutAMockConfigurationIsRefusedSayingHowToGiveOne() throws Exception {
    try (LocalService service = LocalService.start(LocalService.Options.defaults().withPort(0), message -> {})) {
      SfnApi.Response r = service.api().handle("AWSStepFunctions.StartExecution",
          "{\"stateMachineArn\":\"arn:aws:states:us-east-1:123456789012:stateMachine:M#HappyPath\"}".getBytes(StandardCharsets.UTF_8));
      assertThat(r.status()).isEqualTo(400);
      assertThat(r.body()).contains("ValidationException").contains("selects test case 'HappyPath' of a mock configuration")
          .contains("--mock-config FILE");
    }
  }
}
