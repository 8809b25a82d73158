package dev.nestflow.cli.conformance;

import dev.nestflow.core.json.Json;

/** Small synthetic cases for unit tests, written in the corpus's case format. */
final class Cases {
  private Cases() {}

  static ConformanceCase parse(String json) {
    return ConformanceCase.fromJson(Json.parse(json.replace('\'', '"')));
  }

  static ConformanceCase execution(String definition, String input, String expected, String extra) {
    return parse(
        "{'id':'area/test_x','kind':'execution','type':'STANDARD','definition':"
            + definition
            + ",'input':"
            + input
            + ",'expected':"
            + expected
            + ",'requires':[],'placeholders':[],'notes':[]"
            + (extra.isEmpty() ? "" : "," + extra)
            + "}");
  }
}
