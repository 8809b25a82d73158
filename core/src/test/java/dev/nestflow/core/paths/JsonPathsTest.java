package dev.nestflow.core.paths;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nestflow.core.json.Json;
import org.junit.jupiter.api.Test;

class JsonPathsTest {

  private static final JsonNode DOC =
      Json.parse("{\"a\": {\"b\": 1}, \"items\": [{\"v\": 1}, {\"v\": 2}, {\"w\": 3}], \"n\": null, \"s\": \"x\"}");

  @Test
  void dollarIsTheWholeDocument() {
    assertThat(JsonPaths.read(DOC, "$")).isSameAs(DOC);
  }

  @Test
  void definitePathReadsOneValue() {
    assertThat(JsonPaths.read(DOC, "$.a.b")).isEqualTo(Json.parse("1"));
    assertThat(JsonPaths.read(DOC, "$.items[1]")).isEqualTo(Json.parse("{\"v\": 2}"));
    assertThat(JsonPaths.read(DOC, "$['a']['b']")).isEqualTo(Json.parse("1"));
  }

  @Test
  void definitePathReadsAnExplicitNull() {
    assertThat(JsonPaths.read(DOC, "$.n").isNull()).isTrue();
  }

  @Test
  void missingDefinitePathThrowsPathNotFoundWithTheEngineText() {
    assertThatThrownBy(() -> JsonPaths.read(DOC, "$.nope"))
        .isInstanceOfSatisfying(PathNotFoundException.class, e -> {
          assertThat(e.path()).isEqualTo("$.nope");
          assertThat(e.error()).isEqualTo("States.Runtime");
          assertThat(e.cause()).isEqualTo("No results for path: $['nope']");
        });
  }

  @Test
  void missingIntermediatePropertyNamesIt() {
    assertThatThrownBy(() -> JsonPaths.read(DOC, "$.no.such.path"))
        .isInstanceOf(PathNotFoundException.class)
        .satisfies(e -> assertThat(((PathNotFoundException) e).cause()).isEqualTo("Missing property in path $['no']"));
  }

  @Test
  void indexPastTheEndFindsNothing() {
    assertThatThrownBy(() -> JsonPaths.read(DOC, "$.items[10]")).isInstanceOf(PathNotFoundException.class);
  }

  @Test
  void indefinitePathGivesAnArrayOfMatches() {
    assertThat(JsonPaths.read(DOC, "$.items[*].v")).isEqualTo(Json.parse("[1, 2]"));
    assertThat(JsonPaths.read(DOC, "$.items[0:2]")).isEqualTo(Json.parse("[{\"v\": 1}, {\"v\": 2}]"));
    assertThat(JsonPaths.read(DOC, "$..b")).isEqualTo(Json.parse("[1]"));
    assertThat(JsonPaths.read(DOC, "$.items[?(@.v > 1)]")).isEqualTo(Json.parse("[{\"v\": 2}]"));
  }

  @Test
  void indefinitePathOverMissingDataGivesAnEmptyArray() {
    assertThat(JsonPaths.read(DOC, "$.nope[*]")).isEqualTo(Json.array());
    assertThat(JsonPaths.read(DOC, "$.nope[1:]")).isEqualTo(Json.array());
  }

  @Test
  void pathOverAScalarFindsNothing() {
    assertThatThrownBy(() -> JsonPaths.read(DOC, "$.s.deeper")).isInstanceOf(PathNotFoundException.class);
  }

  @Test
  void definitenessFollowsWildcardsSlicesFiltersAndDeepScans() {
    assertThat(JsonPaths.isDefinite("$.a.b[0]")).isTrue();
    assertThat(JsonPaths.isDefinite("$.a[*]")).isFalse();
    assertThat(JsonPaths.isDefinite("$.a[1:2]")).isFalse();
    assertThat(JsonPaths.isDefinite("$..a")).isFalse();
    assertThat(JsonPaths.isDefinite("$.a[?(@.x)]")).isFalse();
  }

  @Test
  void readingNeverChangesTheDocument() {
    JsonNode copy = DOC.deepCopy();
    JsonPaths.read(DOC, "$.items[*]");
    assertThat(DOC).isEqualTo(copy);
  }

  @Test
  void backslashInAQuotedMemberNameIsLiteralUnlessItEscapesTheQuote() {
    JsonNode doc = Json.parse("{\"a\\\\\\\"b\": 1, \"c'd\": 2}");
    assertThat(JsonPaths.read(doc, "$['a\\\"b']").asInt()).isEqualTo(1);
    assertThat(JsonPaths.read(doc, "$['c\\'d']").asInt()).isEqualTo(2);
  }
}
