package dev.nestflow.core.states;

/** The two query languages a state may use: JSONPath (the default) and JSONata. */
public enum QueryLanguage {
  JSONPATH("JSONPath"),
  JSONATA("JSONata");

  private final String spelling;

  QueryLanguage(String spelling) {
    this.spelling = spelling;
  }

  /** The name as definitions spell it ({@code "JSONPath"}, {@code "JSONata"}). */
  public String spelling() {
    return spelling;
  }

  public QueryLanguage other() {
    return this == JSONPATH ? JSONATA : JSONPATH;
  }

  /** The language named by {@code text}, or null when it names none. */
  public static QueryLanguage named(String text) {
    for (QueryLanguage language : values()) {
      if (language.spelling.equals(text)) {
        return language;
      }
    }
    return null;
  }

  /**
   * The language of a validated definition's {@code QueryLanguage} field: {@code inherited} when
   * the field is absent.
   */
  public static QueryLanguage parse(String text, QueryLanguage inherited) {
    if (text == null) {
      return inherited;
    }
    return "JSONata".equals(text) ? JSONATA : JSONPATH;
  }
}
