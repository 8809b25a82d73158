package dev.nestflow.cli.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nestflow.core.json.Json;
import org.junit.jupiter.api.Test;

class PythonJsonTest {

  @Test
  void separatorsHaveSpacesAfterCommasAndColons() {
    assertThat(PythonJson.dumps(Json.parse("{\"a\":[1,2],\"b\":{\"c\":null}}")))
        .isEqualTo("{\"a\": [1, 2], \"b\": {\"c\": null}}");
  }

  @Test
  void nonAsciiIsEscapedAsUnicodeEscapes() {
    assertThat(PythonJson.dumps(Json.NODES.textNode("é\u007f😀\n\"")))
        .isEqualTo("\"\\u00e9\\u007f\\ud83d\\ude00\\n\\\"\"");
  }

  @Test
  void floatsFollowPythonRepr() {
    assertThat(PythonJson.floatRepr(0.0)).isEqualTo("0.0");
    assertThat(PythonJson.floatRepr(1.5)).isEqualTo("1.5");
    assertThat(PythonJson.floatRepr(100.0)).isEqualTo("100.0");
    assertThat(PythonJson.floatRepr(1e16)).isEqualTo("1e+16");
    assertThat(PythonJson.floatRepr(1.25e-5)).isEqualTo("1.25e-05");
    assertThat(PythonJson.floatRepr(0.0001)).isEqualTo("0.0001");
    assertThat(PythonJson.floatRepr(-2.5)).isEqualTo("-2.5");
  }

  @Test
  void integersKeepAllTheirDigits() {
    assertThat(PythonJson.dumps(Json.parse("[12345678901234567890, -3]"))).isEqualTo("[12345678901234567890, -3]");
  }
}
