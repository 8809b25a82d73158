package dev.nestflow.core.choice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.IntNode;
import dev.nestflow.core.errors.StatesException;
import dev.nestflow.core.json.Json;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonInputPathsTest {

  @Test
  void readsInputContextAndVariables() {
    JsonInputPaths paths =
        new JsonInputPaths(
            Json.parse("{\"a\":{\"b\":[1,2]},\"n\":null}"),
            Json.parse("{\"Execution\":{\"Name\":\"x\"}}"),
            Map.of("answer", Json.parse("{\"v\":42}")));

    assertThat(paths.resolve("$")).isEqualTo(Json.parse("{\"a\":{\"b\":[1,2]},\"n\":null}"));
    assertThat(paths.resolve("$.a.b[1]")).isEqualTo(IntNode.valueOf(2));
    assertThat(paths.resolve("$.n").isNull()).isTrue();
    assertThat(paths.resolve("$$.Execution.Name").textValue()).isEqualTo("x");
    assertThat(paths.resolve("$answer.v")).isEqualTo(IntNode.valueOf(42));
    assertThat(paths.resolve("$answer")).isEqualTo(Json.parse("{\"v\":42}"));
  }

  @Test
  void missingPathThrowsStatesRuntimeWithAwsInputPathText() {
    JsonInputPaths paths = JsonInputPaths.over("{}");

    assertThatThrownBy(() -> paths.resolve("$.NoSuchInputPath"))
        .isInstanceOfSatisfying(
            StatesException.class,
            e -> {
              assertThat(e.error()).isEqualTo("States.Runtime");
              assertThat(e.cause())
                  .isEqualTo("Invalid path '$.NoSuchInputPath' : No results for path: $['NoSuchInputPath']");
            });
    assertThatThrownBy(() -> paths.resolve("$.no.such.result.path"))
        .isInstanceOfSatisfying(
            StatesException.class,
            e -> assertThat(e.cause())
                .isEqualTo("Invalid path '$.no.such.result.path' : Missing property in path $['no']"));
  }
}
