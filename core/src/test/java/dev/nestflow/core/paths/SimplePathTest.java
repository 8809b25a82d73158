package dev.nestflow.core.paths;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nestflow.core.json.Json;
import org.junit.jupiter.api.Test;

class SimplePathTest {
  private static final JsonNode DOC =
      Json.parse("{\"order\": {\"id\": \"o-1\", \"items\": [{\"sku\": \"A\"}, {\"sku\": null}], \"n\": 1.5}, \"s\": 3}");

  @Test
  void membersAndIndexesAreReadDirectly() {
    assertThat(SimplePath.parse("$.order.items[0].sku").read(DOC).asText()).isEqualTo("A");
    assertThat(SimplePath.parse("$['order']['id']").read(DOC).asText()).isEqualTo("o-1");
    assertThat(SimplePath.parse("$.order.items[1].sku").read(DOC).isNull()).isTrue();
  }

  @Test
  void aStepThatFindsNothingLeavesTheAnswerToThePathEngine() {
    assertThat(SimplePath.parse("$.order.missing").read(DOC)).isNull();
    assertThat(SimplePath.parse("$.order.items[5]").read(DOC)).isNull();
    assertThat(SimplePath.parse("$.s.x").read(DOC)).isNull();
    assertThat(SimplePath.parse("$.order[0]").read(DOC)).isNull();
  }

  @Test
  void pathsWithOtherSyntaxAreNotSimple() {
    for (String p : new String[] {"$", "$..a", "$.a[-1]", "$.a[0:2]", "$.a[?(@.b)]", "$['a b']", "$.a-b", "$.a.length()",
        "$[\"a\"]", "$.a[1,2]", "$.", "$.a.", "$.*"}) {
      assertThat(SimplePath.parse(p)).as(p).isNull();
    }
  }

  @Test
  void arrayWildcardGivesTheArrayOfMatchesOrLeavesTheAnswerToThePathEngine() {
    JsonNode doc = Json.parse("{\"a\": [{\"q\": 1, \"r\": [5, 6]}, {\"q\": null, \"r\": []}], \"o\": {\"x\": 1}, \"e\": []}");
    assertThat(SimplePath.parse("$.a[*].q").read(doc)).isEqualTo(Json.parse("[1, null]"));
    assertThat(SimplePath.parse("$.a[*].r[*]").read(doc)).isEqualTo(Json.parse("[5, 6]"));
    assertThat(SimplePath.parse("$.e[*].q").read(doc)).isEqualTo(Json.parse("[]"));
    assertThat(SimplePath.parse("$.a[*].missing").read(doc)).isNull();
    assertThat(SimplePath.parse("$.o[*]").read(doc)).isNull();
    for (String p : new String[] {"$.a[*].q", "$.a[*]", "$.a[*].r[*]", "$.a[*].r", "$.e[*].q", "$.a[*].r[0]"}) {
      JsonNode direct = SimplePath.parse(p).read(doc);
      if (direct != null) {
        assertThat(direct).as(p).isEqualTo(JsonPaths.readByEngine(doc, p));
      }
    }
  }

  @Test
  void simplePathsReadWhatThePathEngineReads() {
    for (String p : new String[] {"$.order.id", "$.order.items[0].sku", "$.order.items[1].sku", "$.order.n", "$.s", "$.order",
        "$.order.items[*].sku", "$.order.items[*]"}) {
      assertThat(JsonPaths.readByEngine(DOC, p)).as(p).isEqualTo(SimplePath.parse(p).read(DOC));
    }
  }
}
