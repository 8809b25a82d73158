package dev.nestflow.cli.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nestflow.core.json.Json;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JsonMatcherTest {
  private final JsonMatcher plain = JsonMatcher.plain();

  private boolean matches(JsonMatcher m, String expected, String actual) {
    return m.matches(Json.parse(expected), Json.parse(actual));
  }

  @Test
  void objectKeyOrderDoesNotMatterButArrayOrderDoes() {
    assertThat(matches(plain, "{\"a\":1,\"b\":[1,2]}", "{\"b\":[1,2],\"a\":1}")).isTrue();
    assertThat(matches(plain, "{\"a\":1,\"b\":[1,2]}", "{\"b\":[2,1],\"a\":1}")).isFalse();
  }

  @Test
  void numbersCompareByValue() {
    assertThat(matches(plain, "1", "1.0")).isTrue();
    assertThat(matches(plain, "1.5e1", "15")).isTrue();
    assertThat(matches(plain, "1", "2")).isFalse();
    assertThat(matches(plain, "1", "\"1\"")).isFalse();
  }

  @Test
  void missingAndExtraMembersAreDifferencesNamedByPath() {
    assertThat(plain.difference(Json.parse("{\"a\":{\"b\":1}}"), Json.parse("{\"a\":{}}")))
        .isEqualTo("at $.a.b: missing (expected 1)");
    assertThat(plain.difference(Json.parse("{}"), Json.parse("{\"x\":true}")))
        .isEqualTo("at $.x: unexpected member true");
  }

  @Test
  void startDateWildcardMatchesEpochMillis() {
    assertThat(matches(plain, "{\"StartDate\":\"start-date\"}", "{\"StartDate\":1767225600123}")).isTrue();
  }

  @Test
  void dateWildcardMatchesAnArrayOfHeaderValues() {
    assertThat(matches(plain, "{\"Date\":\"date\"}", "{\"Date\":[\"Thu, 01 Jan 2026 00:00:00 GMT\"]}")).isTrue();
  }

  @Test
  void quotedWildcardMatchesTheJsonTextOfAnyString() {
    // an assigned variable's value is JSON text; the recorder masked the date inside its quotes
    String expected = "{\"startAt\":\"\\\"date\\\"\"}";
    assertThat(matches(plain, expected, "{\"startAt\":\"\\\"2024-11-06T09:42:03Z\\\"\"}")).isTrue();
    assertThat(matches(plain, expected, "{\"startAt\":\"0\"}")).isFalse();
    assertThat(matches(plain, "\"\\\"other\\\"\"", "\"\\\"x\\\"\"")).isFalse();
  }

  @Test
  void uuidPlaceholderMatchesAnySubstring() {
    assertThat(matches(plain, "\"Request ID: <uuid:1>; Proxy: null\"", "\"Request ID: 6f1c-aa; Proxy: null\"")).isTrue();
    assertThat(matches(plain, "\"Request ID: <uuid:1>; Proxy: null\"", "\"Request ID: 6f1c-aa; Proxy: x\"")).isFalse();
  }

  @Test
  void uuidPlaceholderDoesNotMatchANumber() {
    assertThat(matches(plain, "\"<uuid:1>\"", "12")).isFalse();
  }

  @Test
  void knownPlaceholderMustMatchExactly() {
    JsonMatcher m = new JsonMatcher(Set.of(), Set.of("<region>"), Set.of(), Set.of());
    assertThat(matches(m, "\"arn:<region>:x\"", "\"arn:eu-west-1:x\"")).isFalse();
    assertThat(matches(m, "\"arn:<region>:x\"", "\"arn:<region>:x\"")).isTrue();
    assertThat(matches(plain, "\"arn:<region>:x\"", "\"arn:eu-west-1:x\"")).isTrue();
  }

  @Test
  void nestedTaskTokenPlaceholderMatchesAnyString() {
    assertThat(matches(plain, "{\"t\":\"<<task_token>:1>\"}", "{\"t\":\"AQB8token\"}")).isTrue();
  }

  @Test
  void bareWildcardMatchesWholeAndEmbedded() {
    JsonMatcher m = new JsonMatcher(Set.of("a_task_token"), Set.of(), Set.of("a_task_token"), Set.of());
    assertThat(matches(m, "{\"TaskToken\":\"a_task_token\"}", "{\"TaskToken\":\"AAAxyz\"}")).isTrue();
    assertThat(matches(m, "\"token a_task_token here\"", "\"token AAAxyz here\"")).isTrue();
    assertThat(matches(m, "\"token a_task_token here\"", "\"token AAAxyz there\"")).isFalse();
  }

  @Test
  void ignoredKeysAreNotCompared() {
    JsonMatcher m = new JsonMatcher(Set.of(), Set.of(), Set.of(), Set.of("stackTrace"));
    assertThat(matches(m, "{\"errorType\":\"E\",\"stackTrace\":[\"py\"]}", "{\"errorType\":\"E\"}")).isTrue();
    assertThat(matches(m, "{\"errorType\":\"E\",\"stackTrace\":[\"py\"]}", "{\"errorType\":\"F\"}")).isFalse();
  }

  @Test
  void plainStringsMustBeEqual() {
    assertThat(matches(plain, "\"abc\"", "\"abd\"")).isFalse();
    assertThat(matches(plain, "null", "null")).isTrue();
    assertThat(matches(plain, "null", "\"null\"")).isFalse();
  }
}
