package dev.nestflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nestflow.core.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code nestflow run} as README's first command uses it, and its answers to bad input. */
class RunCommandTest {
  private static final Path EXAMPLES = Path.of("..", "examples");

  private static CliRun run(String... args) {
    return CliRun.of(args);
  }

  @Test
  void nestedExampleRunsChildrenWaitsForTheApprovalAndPrintsTheExecutionTree() {
    Path nested = EXAMPLES.resolve("nested");
    CliRun o = run("run", nested.resolve("order.asl.json").toString(),
        "--state-machine", "PackLine=" + nested.resolve("pack-line.asl.json"),
        "--state-machine", "Notify=" + nested.resolve("notify.asl.json"),
        "--answer", "AwaitApproval=@" + nested.resolve("approval.json"),
        "--input", "@" + nested.resolve("order-input.json"), "--tree");

    assertThat(o.exit()).as(o.err()).isZero();
    String[] lines = o.out().split("\n");
    JsonNode output = Json.parse(lines[0]);
    assertThat(output.get("parcels")).hasSize(3);
    assertThat(output.get("parcels").get(0).get("parcel").asText()).isEqualTo("A-1001-tea");
    assertThat(output.get("approvedBy").asText()).isEqualTo("manager@example.com");
    assertThat(output.get("notification").asText()).contains(":execution:Notify:");
    assertThat(o.out()).contains("executions:");
    assertThat(o.out().lines().filter(l -> l.contains("PackLine/") && l.endsWith("SUCCEEDED")).count()).isEqualTo(3);
    assertThat(o.out().lines().filter(l -> l.contains("Notify/")).count()).isEqualTo(1);
  }

  @Test
  void withoutAnAnswerTheCallbackMessageWaitsInTheInMemoryQueueUntilTheTaskTimesOut() {
    Path nested = EXAMPLES.resolve("nested");
    CliRun o = run("run", nested.resolve("order.asl.json").toString(),
        "--state-machine", "PackLine=" + nested.resolve("pack-line.asl.json"),
        "--input", "@" + nested.resolve("order-input.json"));

    assertThat(o.exit()).isEqualTo(1);
    assertThat(o.err()).contains("FAILED: States.Timeout");
  }

  @Test
  void unknownNextStateIsAnInvalidDefinitionWithExitCode2(@TempDir Path dir) throws Exception {
    Path def = dir.resolve("bad.json");
    Files.writeString(def, "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"Next\":\"Nope\"}}}");
    CliRun o = run("run", def.toString());

    assertThat(o.exit()).isEqualTo(2);
    assertThat(o.err()).startsWith("InvalidDefinition: Invalid State Machine Definition: 'MISSING_TRANSITION_TARGET: Missing 'Next' target: Nope at /States/A/Next");
  }

  @Test
  void malformedDefinitionJsonIsAnInvalidDefinitionNotAStackTrace(@TempDir Path dir) throws Exception {
    Path def = dir.resolve("bad.json");
    Files.writeString(def, "{\"StartAt\":");
    CliRun o = run("run", def.toString());

    assertThat(o.exit()).isEqualTo(2);
    assertThat(o.err()).startsWith("InvalidDefinition: ").doesNotContain("Exception");
  }

  @Test
  void malformedAndOversizedInputsAreRejectedAsStartExecutionRejectsThem(@TempDir Path dir) throws Exception {
    Path def = EXAMPLES.resolve("order-pipeline.asl.json");
    CliRun malformed = run("run", def.toString(), "--input", "{bad");
    assertThat(malformed.exit()).isEqualTo(2);
    assertThat(malformed.err()).startsWith("InvalidExecutionInput: Invalid State Machine Execution Input: 'Unexpected character");

    Path big = dir.resolve("big.json");
    Files.writeString(big, "{\"a\":\"" + "x".repeat(262_144) + "\"}");
    CliRun oversized = run("run", def.toString(), "--input", "@" + big);
    assertThat(oversized.exit()).isEqualTo(2);
    assertThat(oversized.err()).startsWith("ValidationException: 1 validation error detected");
  }

  @Test
  void missingDefinitionFileIsAClearError() {
    CliRun o = run("run", "no/such/file.json");
    assertThat(o.exit()).isEqualTo(2);
    assertThat(o.err()).startsWith("FileNotFound: No such file: no/such/file.json");
  }

  @Test
  void anUnexpectedFailureIsAOneLineErrorNotAStackTrace() {
    CliRun o = run("conformance", "no/such/corpus");
    assertThat(o.exit()).isEqualTo(2);
    assertThat(o.err().strip()).isEqualTo("nestflow conformance: no such file or directory: no/such/corpus");
  }

  @Test
  void anUnknownWorkflowTypeIsRejectedByRunAndValidate() {
    String def = EXAMPLES.resolve("order-pipeline.asl.json").toString();
    for (String command : new String[] {"run", "validate"}) {
      CliRun o = run(command, def, "--type", "FOO");
      assertThat(o.exit()).as(command).isEqualTo(2);
      assertThat(o.out()).as(command).doesNotContain("OK").doesNotContain("{}");
      assertThat(o.err()).as(command).contains("--type").contains("FOO").contains("STANDARD, EXPRESS");
    }
    assertThat(run("validate", def, "--type", "EXPRESS").exit()).isZero();
  }
}
