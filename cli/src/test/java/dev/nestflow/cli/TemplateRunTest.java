package dev.nestflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nestflow.core.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code nestflow run --template template.yaml LOGICAL_ID}. */
class TemplateRunTest {
  static final String TEMPLATE = Path.of("..", "examples", "template", "template.yaml").toString();

  private static CliRun run(String... args) {
    return CliRun.of(args);
  }

  @Test
  void runsATemplatesStateMachineThatStartsAnotherOneByLogicalId() {
    CliRun o = run("run", "--template", TEMPLATE, "Parent", "--input", "{\"who\":\"Ada\"}", "--tree");
    assertThat(o.exit()).as(o.err()).isZero();
    assertThat(Json.parse(o.out().lines().findFirst().orElseThrow())).isEqualTo(Json.parse("{\"text\":\"hello, Ada\"}"));
    assertThat(o.out()).contains("Child/").contains("SUCCEEDED");
  }

  @Test
  void anUnknownLogicalIdNamesThoseThereAre() {
    CliRun o = run("run", "--template", TEMPLATE, "Parnet");
    assertThat(o.exit()).isEqualTo(2);
    assertThat(o.err()).contains("no state machine with logical id Parnet (it has: Parent, Child)");
  }

  @Test
  void anUnresolvableIntrinsicIsNamed(@TempDir Path dir) throws Exception {
    Path t = dir.resolve("template.yaml");
    Files.writeString(t, Files.readString(Path.of(TEMPLATE)).replace("!Ref Greeting", "!ImportValue greeting-export"));
    CliRun o = run("run", "--template", t.toString(), "Child");
    assertThat(o.exit()).isEqualTo(2);
    assertThat(o.err()).contains("Resources.Child.Properties.DefinitionSubstitutions.Word.Fn::ImportValue: Fn::ImportValue cannot be resolved");
  }
}
