package dev.nestflow.functions;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrimingTest {
  @Test
  void primingRunsTheTinyMachineToSuccessWithoutAws() {
    assertThat(Priming.runInMemory()).isEqualTo("SUCCEEDED");
  }

  @Test
  void registeringTwiceOnAJvmWithoutCracIsHarmless() {
    Priming.register();
    Priming.register();
  }

  @Test
  void beforeCheckpointSurvivesAnIncompleteEnvironment() {
    // the test JVM has no NESTFLOW_* variables: building the wiring fails, which must not fail the checkpoint
    org.assertj.core.api.Assertions.assertThatCode(() -> Priming.instance().beforeCheckpoint(null))
        .doesNotThrowAnyException();
  }
}
