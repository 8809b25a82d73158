package dev.nestflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nestflow.core.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code nestflow run --mock-config FILE --test-case NAME} on the documented LambdaSQSIntegration sample. */
class MockConfigRunTest {
  static final Path EXAMPLE = Path.of("..", "examples", "mock-config");
  static final String DEFINITION = EXAMPLE.resolve("LambdaSQSIntegration.asl.json").toString();
  static final String CONFIG = EXAMPLE.resolve("MockConfigFile.json").toString();

  private static CliRun run(String... args) {
    return CliRun.of(args);
  }

  @Test
  void happyPathPrintsTheMockedQueueResponse() {
    CliRun o = run("run", DEFINITION, "--mock-config", CONFIG, "--test-case", "HappyPath");
    assertThat(o.exit()).as(o.err()).isZero();
    assertThat(Json.parse(o.out().trim()).path("MessageId").asText()).isEqualTo("3bcb6e8e-8b51-4375-b0bc-1a59812c6e51");
  }

  @Test
  void retryPathShowsThreeMockedFailuresInTheHistory() {
    CliRun o = run("run", DEFINITION, "--mock-config", CONFIG, "--test-case", "RetryPath", "--history");
    assertThat(o.exit()).as(o.err()).isZero();
    assertThat(o.out().lines().filter(l -> l.contains("TaskFailed"))).hasSize(3);
    assertThat(o.out()).contains("Lambda.ResourceNotReadyException").contains("Lambda.TimeoutException");
  }

  @Test
  void hybridPathCallsTheRealQueueIntegration() {
    CliRun o = run("run", DEFINITION, "--mock-config", CONFIG, "--test-case", "HybridPath", "--history");
    assertThat(o.out()).contains("Hello from Lambda!");
    assertThat(o.out() + o.err()).contains("sendMessage").doesNotContain("3bcb6e8e-8b51-4375-b0bc-1a59812c6e51");
  }

  @Test
  void theMachineIsFoundByItsNameAndAnUnknownOneIsNamed(@TempDir Path dir) throws Exception {
    Path renamed = dir.resolve("lambda-sqs.asl.json");
    Files.copy(Path.of(DEFINITION), renamed);
    CliRun o = run("run", renamed.toString(), "--mock-config", CONFIG, "--test-case", "HappyPath");
    assertThat(o.exit()).isEqualTo(2);
    assertThat(o.err()).contains("has no state machine \"lambda-sqs\" under StateMachines (it defines: LambdaSQSIntegration)");
    CliRun named = run("run", renamed.toString(), "--name", "LambdaSQSIntegration", "--mock-config", CONFIG, "--test-case", "HappyPath");
    assertThat(named.exit()).as(named.err()).isZero();
  }

  @Test
  void aBrokenFileIsRefusedWithWhereItIsBroken(@TempDir Path dir) throws Exception {
    Path broken = dir.resolve("MockConfigFile.json");
    Files.writeString(broken, "{\"MockedResponses\": {\"R\": {\"zero\": {\"Return\": 1}}}}");
    CliRun o = run("run", DEFINITION, "--mock-config", broken.toString(), "--test-case", "HappyPath");
    assertThat(o.exit()).isEqualTo(2);
    assertThat(o.err()).contains("MockedResponses.R.zero: an invocation key is a number");
  }
}
