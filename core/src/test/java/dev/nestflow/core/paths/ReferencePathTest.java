package dev.nestflow.core.paths;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nestflow.core.errors.StatesException;
import dev.nestflow.core.json.Json;
import org.junit.jupiter.api.Test;

class ReferencePathTest {

  private static final JsonNode VALUE = Json.parse("{\"r\": true}");

  @Test
  void dollarReplacesTheWholeInput() {
    assertThat(ReferencePath.set(Json.parse("{\"a\": 1}"), "$", VALUE)).isEqualTo(VALUE);
  }

  @Test
  void fieldIsAddedNextToTheExistingOnes() {
    assertThat(ReferencePath.set(Json.parse("{\"a\": 1}"), "$.b", VALUE)).isEqualTo(Json.parse("{\"a\": 1, \"b\": {\"r\": true}}"));
  }

  @Test
  void existingFieldIsReplaced() {
    assertThat(ReferencePath.set(Json.parse("{\"a\": 1}"), "$.a", Json.parse("2"))).isEqualTo(Json.parse("{\"a\": 2}"));
  }

  @Test
  void missingObjectsAreCreatedOnTheWay() {
    assertThat(ReferencePath.set(Json.parse("{}"), "$.x.y.z", Json.parse("1"))).isEqualTo(Json.parse("{\"x\": {\"y\": {\"z\": 1}}}"));
  }

  @Test
  void scalarOnTheWayIsReplacedByAnObject() {
    assertThat(ReferencePath.set(Json.parse("{\"x\": 5}"), "$.x.y", Json.parse("1"))).isEqualTo(Json.parse("{\"x\": {\"y\": 1}}"));
  }

  @Test
  void bracketNotationNamesFields() {
    assertThat(ReferencePath.set(Json.parse("{}"), "$['odd key'].b", Json.parse("1")))
        .isEqualTo(Json.parse("{\"odd key\": {\"b\": 1}}"));
  }

  @Test
  void arrayIndexReplacesAnExistingElement() {
    assertThat(ReferencePath.set(Json.parse("{\"l\": [1, 2, 3]}"), "$.l[1]", Json.parse("9")))
        .isEqualTo(Json.parse("{\"l\": [1, 9, 3]}"));
  }

  @Test
  void arrayIndexPastTheEndFailsWithResultPathMatchFailure() {
    assertThatThrownBy(() -> ReferencePath.set(Json.parse("{\"l\": [1]}"), "$.l[3]", Json.parse("9")))
        .isInstanceOfSatisfying(StatesException.class, e -> assertThat(e.error()).isEqualTo("States.ResultPathMatchFailure"));
  }

  @Test
  void fieldOnAScalarInputFailsWithResultPathMatchFailure() {
    assertThatThrownBy(() -> ReferencePath.set(Json.parse("\"text\""), "$.a", VALUE))
        .isInstanceOfSatisfying(StatesException.class, e -> {
          assertThat(e.error()).isEqualTo("States.ResultPathMatchFailure");
          assertThat(e.cause()).isEqualTo("Unable to apply step \"$.a\" to input \"text\"");
        });
  }

  @Test
  void theInputIsNotModified() {
    JsonNode input = Json.parse("{\"a\": {\"b\": 1}}");
    JsonNode copy = input.deepCopy();
    JsonNode out = ReferencePath.set(input, "$.a.c", Json.parse("2"));
    assertThat(input).isEqualTo(copy);
    assertThat(out).isEqualTo(Json.parse("{\"a\": {\"b\": 1, \"c\": 2}}"));
  }
}
