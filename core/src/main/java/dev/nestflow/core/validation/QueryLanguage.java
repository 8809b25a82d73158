package dev.nestflow.core.validation;

/** The two ASL query languages, spelled as in definitions. */
enum QueryLanguage {
  JSONPATH("JSONPath"),
  JSONATA("JSONata");

  final String spelling;

  QueryLanguage(String spelling) {
    this.spelling = spelling;
  }

  QueryLanguage other() {
    return this == JSONPATH ? JSONATA : JSONPATH;
  }

  /** The language named by {@code text}, or null when it names none. */
  static QueryLanguage named(String text) {
    for (QueryLanguage language : values()) {
      if (language.spelling.equals(text)) {
        return language;
      }
    }
    return null;
  }
}
