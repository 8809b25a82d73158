package dev.nestflow.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nestflow.cli.CliRun;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code serve --workers N}: how many transition handler threads one serve process (one "container") runs. */
class ServeWorkersTest {
  @Test
  void workersSetsTheNumberOfTransitionHandlerThreads() throws Exception {
    ServeCommand command = new ServeCommand();
    new CommandLine(command).parseArgs("--port", "0", "--workers", "3");
    assertThat(command.options().workers()).isEqualTo(3);
    try (LocalService service = LocalService.start(command.options(), m -> {})) {
      assertThat(service.transitionWorkers()).isEqualTo(3);
      assertThat(Thread.getAllStackTraces().keySet()).filteredOn(t -> t.getName().startsWith("nestflow-transitions-"))
          .hasSizeGreaterThanOrEqualTo(3);
    }
  }

  @Test
  void withoutWorkersServeRunsTheDefaultFour() {
    ServeCommand command = new ServeCommand();
    new CommandLine(command).parseArgs();
    assertThat(command.options().workers()).isEqualTo(4);
  }

  @Test
  void zeroWorkersIsRefusedBeforeAnythingStarts() {
    CliRun run = CliRun.of("serve", "--port", "0", "--workers", "0");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("--workers needs at least 1");
  }
}
