package dev.nestflow.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a script of src/test/sh (the AWS CLI against a serve under test) and checks it ends with "SCRIPT: OK". */
final class ShellScripts {
  private ShellScripts() {}

  static void assertPasses(String script, Duration limit, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("bash", Path.of("src", "test", "sh", script).toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    boolean ended = process.waitFor(limit.toSeconds(), TimeUnit.SECONDS);
    if (!ended) {
      process.destroyForcibly();
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(ended).as(output).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    assertThat(output).contains(script + ": OK");
  }
}
