package dev.nestflow.core.states;

/** The two query languages a state may use: JSONPath (the default) and JSONata. */
public enum QueryLanguage {
  JSONPATH,
  JSONATA;

  public static QueryLanguage parse(String text, QueryLanguage inherited) {
    if (text == null) {
      return inherited;
    }
    return "JSONata".equals(text) ? JSONATA : JSONPATH;
  }
}
