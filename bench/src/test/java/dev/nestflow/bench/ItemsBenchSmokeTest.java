package dev.nestflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** One short run of {@link ItemsBench}: every scenario reads or writes all its items. */
class ItemsBenchSmokeTest {
  @Test
  void everyScenarioHandlesAllItsItems() {
    List<ItemsBench.Result> results = ItemsBench.run(500);
    assertThat(results).extracting(ItemsBench.Result::scenario)
        .containsExactly("json-array", "csv", "list-objects-v2", "result-writer");
    assertThat(results).allSatisfy(r -> assertThat(r.items()).isEqualTo(500));
  }
}
