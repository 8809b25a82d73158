package dev.nestflow.core.paths;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nestflow.core.json.Json;
import org.junit.jupiter.api.Test;

class ReferencePathSharingTest {

  @Test
  void inputIsLeftUnchangedAndMembersOffThePathAreShared() {
    JsonNode input = Json.parse("{\"big\": {\"list\": [1, 2, 3]}, \"a\": {\"b\": {\"c\": 1}, \"d\": [4]}}");
    String before = Json.write(input);

    JsonNode out = ReferencePath.set(input, "$.a.b.c", Json.parse("2"));

    assertThat(Json.write(input)).isEqualTo(before);
    assertThat(out).isEqualTo(Json.parse("{\"big\": {\"list\": [1, 2, 3]}, \"a\": {\"b\": {\"c\": 2}, \"d\": [4]}}"));
    assertThat(out.get("big")).isSameAs(input.get("big"));
    assertThat(out.get("a").get("d")).isSameAs(input.get("a").get("d"));
    assertThat(out.get("a")).isNotSameAs(input.get("a"));
  }

  @Test
  void arrayElementOnThePathIsCopiedNotChanged() {
    JsonNode input = Json.parse("{\"items\": [{\"x\": 1}, {\"x\": 2}]}");

    JsonNode out = ReferencePath.set(input, "$.items[1].y", Json.parse("true"));

    assertThat(input).isEqualTo(Json.parse("{\"items\": [{\"x\": 1}, {\"x\": 2}]}"));
    assertThat(out).isEqualTo(Json.parse("{\"items\": [{\"x\": 1}, {\"x\": 2, \"y\": true}]}"));
    assertThat(out.get("items").get(0)).isSameAs(input.get("items").get(0));
  }
}
