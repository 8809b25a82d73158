package dev.nestflow.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nestflow.cli.Main;
import dev.nestflow.core.json.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchCommandTest {
  @TempDir Path dir;

  private Path workload(String name, String expected) throws IOException {
    Path w = Files.createDirectories(dir.resolve(name));
    Files.writeString(w.resolve("definition.json"), "{\"StartAt\":\"A\",\"States\":{"
        + "\"A\":{\"Type\":\"Pass\",\"Parameters\":{\"v.$\":\"$.x\"},\"ResultPath\":\"$.a\",\"Next\":\"B\"},"
        + "\"B\":{\"Type\":\"Pass\",\"End\":true}}}");
    Files.writeString(w.resolve("input.json"), "{\"x\":1}");
    Files.writeString(w.resolve("expected.json"), expected);
    return w;
  }

  private String run(String... args) {
    StringWriter out = new StringWriter();
    var cmd = Main.commandLine();
    cmd.setOut(new PrintWriter(out));
    cmd.setErr(new PrintWriter(new StringWriter()));
    int code = cmd.execute(args);
    return code + "\n" + out;
  }

  @Test
  void printsOneJsonLinePerWorkloadWithStatesEnteredAndTheOutputCheck() throws IOException {
    Path w = workload("two-pass", "{\"x\":1,\"a\":{\"v\":1}}");

    String[] result = run("bench", w.toString(), "--repeat", "3", "--warmup", "1", "--warmup-ms", "0").split("\n");

    assertThat(result[0]).isEqualTo("0");
    JsonNode line = Json.parse(result[1]);
    assertThat(line.get("workload").asText()).isEqualTo("two-pass");
    assertThat(line.get("states_entered").asLong()).isEqualTo(2);
    assertThat(line.get("output_matches").asBoolean()).isTrue();
    assertThat(line.get("warm_median_ms").asDouble()).isGreaterThanOrEqualTo(line.get("warm_min_ms").asDouble());
    assertThat(line.get("states_per_sec").asDouble()).isPositive();
    assertThat(line.get("cpu_median_ms").asDouble()).isPositive();
    assertThat(line.get("gcs").asLong()).isNotNegative();
    assertThat(line.get("page_faults_per_run").asLong()).isGreaterThanOrEqualTo(-1);
  }

  @Test
  void aDifferentOutputIsReportedAndFailsTheCommand() throws IOException {
    Path w = workload("wrong", "{\"x\":2}");

    String[] result = run("bench", w.toString(), "--repeat", "1", "--warmup", "0", "--warmup-ms", "0").split("\n");

    assertThat(result[0]).isEqualTo("1");
    assertThat(Json.parse(result[1]).get("output_matches").asBoolean()).isFalse();
  }

  @Test
  void aDirectoryWithoutADefinitionIsSkipped() throws IOException {
    Path w = workload("ok", "{\"x\":1,\"a\":{\"v\":1}}");

    String[] result = run("bench", dir.resolve("nothing-here").toString(), w.toString(), "--repeat", "1", "--warmup", "0",
        "--warmup-ms", "0").split("\n");

    assertThat(result[0]).isEqualTo("0");
    assertThat(result).hasSize(2);
  }
}
