package dev.nestflow.bench.rig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RigOptionsTest {
  @Test
  void withoutOptionsEveryScenarioRunsMapWaitAtOneTwoAndFourWorkers() {
    RigOptions o = RigOptions.parse();
    assertThat(o.scenarios()).containsExactly("map-wait", "map-tasks", "chain", "nested", "distmap");
    assertThat(o.workersFor("map-wait")).containsExactly(1, 2, 4);
    assertThat(o.workersFor("nested")).containsExactly(4);
    assertThat(o.threads()).isEqualTo(1);
    assertThat(o.waitSeconds()).isEqualTo(10);
  }

  @Test
  void wAndTApplyToEveryChosenScenario() {
    RigOptions o = RigOptions.parse("--scenarios", "chain,map-wait", "--w", "2,3", "--t", "4", "--size", "20");
    assertThat(o.scenarios()).containsExactly("chain", "map-wait");
    assertThat(o.workersFor("map-wait")).isEqualTo(List.of(2, 3));
    assertThat(o.threads()).isEqualTo(4);
    assertThat(Scenario.named("chain", o.size(), o.waitSeconds()).size).isEqualTo(20);
  }

  @Test
  void anUnknownScenarioOrOptionIsRefusedWithTheKnownOnes() {
    assertThatThrownBy(() -> RigOptions.parse("--scenarios", "map-wiat")).hasMessageContaining("map-wait");
    assertThatThrownBy(() -> RigOptions.parse("--bogus", "1")).hasMessageContaining("unknown option --bogus");
    assertThatThrownBy(() -> RigOptions.parse("--w", "0")).hasMessageContaining("at least 1");
  }
}
