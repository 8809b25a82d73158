package dev.nestflow.core.jsonata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nestflow.core.json.Json;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StepFunctionsFunctionsTest {
  private static final Instant NOW = Instant.parse("2024-05-06T07:08:09.123Z");

  private static JsonNode eval(String expression) {
    return eval(expression, new Random(7));
  }

  private static JsonNode eval(String expression, Random random) {
    return Jsonata.compile(expression).evaluate(new JsonataBindings(Map.of(), random, NOW));
  }

  @Test
  void partitionSplitsIntoChunksWithAShorterLastOne() {
    assertThat(eval("$partition([1,2,3,4,5], 2)")).isEqualTo(Json.parse("[[1,2],[3,4],[5]]"));
    assertThat(eval("$partition([0], 5)")).isEqualTo(Json.parse("[[0]]"));
  }

  @Test
  void partitionRejectsANonPositiveChunkSize() {
    assertThatThrownBy(() -> eval("$partition([1,2], 0)"))
        .isInstanceOf(JsonataException.class)
        .hasMessageContaining("$partition");
  }

  @Test
  void rangeIncludesTheEndAndASingleItemStandsForItself() {
    assertThat(eval("$range(0, 10, 3)")).isEqualTo(Json.parse("[0,3,6,9]"));
    assertThat(eval("$range(1, 9, 9)")).isEqualTo(Json.parse("1"));
    assertThat(eval("$range(5, 1, -2)")).isEqualTo(Json.parse("[5,3,1]"));
  }

  @Test
  void rangeRejectsAZeroStepAndTooManyItems() {
    assertThatThrownBy(() -> eval("$range(0, 5, 0)")).isInstanceOf(JsonataException.class);
    assertThatThrownBy(() -> eval("$range(0, 5000, 1)")).isInstanceOf(JsonataException.class);
  }

  @Test
  void hashGivesLowercaseHexOfTheNamedAlgorithm() {
    assertThat(eval("$hash('input data', 'SHA-1')").asText()).isEqualTo("aaff4a450a104cd177d28d18d74485e8cae074b7");
    assertThatThrownBy(() -> eval("$hash('x', 'SHA-999')"))
        .isInstanceOf(JsonataException.class)
        .hasMessageContaining("SHA-256");
  }

  @Test
  void randomWithASeedRepeatsAndWithoutOneUsesTheGivenGenerator() {
    double seeded = eval("$random(42)").asDouble();
    assertThat(eval("$random(42)", new Random(1)).asDouble()).isEqualTo(seeded);
    assertThat(seeded).isBetween(0.0, 1.0);
    assertThat(eval("$random()", new Random(3)).asDouble()).isEqualTo(eval("$random()", new Random(3)).asDouble());
  }

  @Test
  void uuidIsAVersion4UuidDrawnFromTheGenerator() {
    String uuid = eval("$uuid()", new Random(5)).asText();
    assertThat(uuid).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    assertThat(eval("$uuid()", new Random(5)).asText()).isEqualTo(uuid);
  }

  @Test
  void parseReadsJsonText() {
    assertThat(eval("$parse('{\"a\": [1, true, null]}')")).isEqualTo(Json.parse("{\"a\":[1,true,null]}"));
    assertThat(eval("$parse('-0')").asInt()).isZero();
    assertThatThrownBy(() -> eval("$parse('{nope')")).isInstanceOf(JsonataException.class);
  }

  @Test
  void nowAndMillisReportTheBindingsTimeNotTheClock() {
    assertThat(eval("$millis()").asLong()).isEqualTo(NOW.toEpochMilli());
    assertThat(eval("$now()").asText()).isEqualTo("2024-05-06T07:08:09.123Z");
  }
}
