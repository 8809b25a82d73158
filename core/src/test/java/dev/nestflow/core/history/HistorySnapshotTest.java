package dev.nestflow.core.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nestflow.core.json.Json;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class HistorySnapshotTest {
  private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void snapshotKeepsTheEventsOfItsMomentWhileTheHistoryGrows() {
    History h = History.recording();
    for (int i = 0; i < 1500; i++) {
      h.append(i, T, "PassStateEntered", "stateEnteredEventDetails", Json.object().put("n", i));
    }
    List<com.fasterxml.jackson.databind.node.ObjectNode> before = h.snapshot();
    for (int i = 0; i < 5000; i++) {
      h.append(i, T, "PassStateExited", null, null);
    }

    assertThat(before).hasSize(1500);
    assertThat(before.get(1499).get("id").asLong()).isEqualTo(1500);
    assertThat(before.get(1499).get("stateEnteredEventDetails").get("n").asInt()).isEqualTo(1499);
    assertThat(h.snapshot()).hasSize(6500);
    assertThat(h.snapshot().get(6499).get("id").asLong()).isEqualTo(6500);
    assertThatThrownBy(() -> before.get(1500)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void snapshotCannotBeChanged() {
    History h = History.recording();
    h.append(0, T, "ExecutionStarted", null, null);
    assertThatThrownBy(() -> h.snapshot().add(Json.object())).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void discardingHistoryNumbersEventsButKeepsNone() {
    History h = History.discarding();
    assertThat(h.append(0, T, "A", null, null)).isEqualTo(1);
    assertThat(h.append(1, T, "B", null, null)).isEqualTo(2);
    assertThat(h.snapshot()).isEmpty();
  }
}
