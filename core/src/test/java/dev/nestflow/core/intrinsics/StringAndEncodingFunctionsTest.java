package dev.nestflow.core.intrinsics;

import static dev.nestflow.core.intrinsics.Intrinsics.eval;
import static dev.nestflow.core.intrinsics.Intrinsics.failure;
import static dev.nestflow.core.intrinsics.Intrinsics.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nestflow.core.json.Json;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StringAndEncodingFunctionsTest {

  private static JsonNode split(String text, String delimiters) {
    return eval("States.StringSplit($.s, $.d)", "{\"s\": " + quote(text) + ", \"d\": " + quote(delimiters) + "}");
  }

  private static String quote(String s) {
    return Json.write(Json.NODES.textNode(s));
  }

  @Test
  void stringSplitSplitsAtEachDelimiterCharacterAndDropsEmptyPieces() {
    assertThat(split(" ", ",")).isEqualTo(json("[\" \"]"));
    assertThat(split(" , ", ",")).isEqualTo(json("[\" \", \" \"]"));
    assertThat(split(", , ,", ",")).isEqualTo(json("[\" \", \" \"]"));
    assertThat(split(",,,,", ",")).isEqualTo(json("[]"));
    assertThat(split("1,2,3,4,5", ",")).isEqualTo(json("[\"1\", \"2\", \"3\", \"4\", \"5\"]"));
    assertThat(split("This.is+a,test=string", ".+,="))
        .isEqualTo(json("[\"This\", \"is\", \"a\", \"test\", \"string\"]"));
    assertThat(split("split on T and \nnew line", "T\n"))
        .isEqualTo(json("[\"split on \", \" and \", \"new line\"]"));
  }

  @Test
  void stringSplitKeepsNewlinesThatAreNotDelimiters() {
    assertThat(split("a,b\nc,\n", ",")).isEqualTo(json("[\"a\", \"b\\nc\", \"\\n\"]"));
  }

  @Test
  void stringSplitRequiresStrings() {
    assertThat(failure("States.StringSplit($.a, ',')", "{\"a\": 1}")).contains("argument 1 must be a string");
  }

  @ParameterizedTest(name = "{0} <-> {1}")
  @CsvSource({"'', ''", "Data to encode, RGF0YSB0byBlbmNvZGU=", "Hello World, SGVsbG8gV29ybGQ="})
  void base64EncodeAndDecodeAreInverse(String text, String encoded) {
    assertThat(eval("States.Base64Encode($.v)", "{\"v\": " + quote(text) + "}").textValue()).isEqualTo(encoded);
    assertThat(eval("States.Base64Decode($.v)", "{\"v\": " + quote(encoded) + "}").textValue()).isEqualTo(text);
  }

  @Test
  void base64LimitsInputTo10000Characters() {
    String ok = "a".repeat(10_000);
    assertThat(eval("States.Base64Encode($.v)", "{\"v\": \"" + ok + "\"}").textValue()).hasSize(13_336);
    assertThat(failure("States.Base64Encode($.v)", "{\"v\": \"" + ok + "a\"}")).contains("10000");
    assertThat(failure("States.Base64Decode($.v)", "{\"v\": \"" + "QUFB".repeat(2_501) + "\"}")).contains("10000");
  }

  @Test
  void base64DecodeRejectsInvalidData() {
    assertThat(failure("States.Base64Decode('not base64!')")).contains("Base64");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "MD5, 812f45842bc6d66ee14572ce20db8e86",
    "SHA-1, aaff4a450a104cd177d28d18d74485e8cae074b7",
    "SHA-256, b4a697a057313163aee33cd8d40c66e9f0f177e00cac2de32475ffff6169c3e3",
    "SHA-384, d28a7d5cf25a74f11a50a18452b75e04bb3d70c9dd0510d6123aa008c756511b87525bdc835ebb27e1fb9e9374a15562",
    "SHA-512, 6ce4adb348546d4f449c4d25aad9a7c9cb711d9e91982d3f0b29ca2f3f47d4ce2deba23bf2954f0f1d593fc50283731a533d30d425402d4f91316d871303aac4",
  })
  void hashGivesLowercaseHexDigests(String algorithm, String digest) {
    assertThat(eval("States.Hash('input data', '" + algorithm + "')").textValue()).isEqualTo(digest);
  }

  @Test
  void hashRejectsUnknownAlgorithmsAndOverlongInput() {
    assertThat(failure("States.Hash('x', 'SHA-224')")).contains("SHA-224").contains("not supported");
    assertThat(failure("States.Hash('x', 'sha-256')")).contains("not supported");
    assertThat(failure("States.Hash($.v, 'MD5')", "{\"v\": \"" + "a".repeat(10_001) + "\"}")).contains("10000");
    assertThat(failure("States.Hash($.v, 'MD5')", "{\"v\": null}")).contains("null");
  }

  @Test
  void uuidIsVersion4AndComesFromTheGivenGenerator() {
    IntrinsicCall call = IntrinsicParser.parse("States.UUID()");
    String a = call.evaluate(JsonPathResolver.over("{}"), new SplittableRandom(9)).textValue();
    String b = call.evaluate(JsonPathResolver.over("{}"), new SplittableRandom(9)).textValue();
    String c = call.evaluate(JsonPathResolver.over("{}"), new SplittableRandom(10)).textValue();
    assertThat(a).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    assertThat(UUID.fromString(a).version()).isEqualTo(4);
    assertThat(UUID.fromString(a).variant()).isEqualTo(2);
    assertThat(a).isEqualTo(b).isNotEqualTo(c);
  }
}
