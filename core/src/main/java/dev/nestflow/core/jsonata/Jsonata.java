package dev.nestflow.core.jsonata;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Where nestflow gets its JSONata: the engine in use and a cache that parses each distinct
 * expression text once, however many states or evaluations use it. A syntax error is remembered
 * too, so a broken expression is not parsed again on every evaluation.
 */
public final class Jsonata {
  private Jsonata() {}

  private static final JsonataEngine ENGINE = new DashjoinEngine();
  private static final ConcurrentHashMap<String, Object> CACHE = new ConcurrentHashMap<>();

  /** The parsed form of {@code expression}, from the cache. */
  public static JsonataExpression compile(String expression) {
    Object cached =
        CACHE.computeIfAbsent(
            expression,
            text -> {
              try {
                return ENGINE.compile(text);
              } catch (JsonataException e) {
                return e;
              }
            });
    if (cached instanceof JsonataException e) {
      throw new JsonataException(e.kind(), e.code(), e.getMessage());
    }
    return (JsonataExpression) cached;
  }

  /**
   * The expression inside a {@code "{% ... %}"} string, or null when {@code text} is not one. The
   * delimiters must be the very first and last characters.
   */
  public static String unwrap(String text) {
    if (text != null && text.length() >= 4 && text.startsWith("{%") && text.endsWith("%}")) {
      return text.substring(2, text.length() - 2).trim();
    }
    return null;
  }
}
