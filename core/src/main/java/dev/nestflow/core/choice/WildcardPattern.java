package dev.nestflow.core.choice;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A {@code StringMatches} pattern: {@code *} matches any run of characters (including none and
 * line breaks); {@code \*} is a literal asterisk and {@code \\} a literal backslash. No other
 * character is special, and the whole string must match.
 */
public final class WildcardPattern {
  private final String source;
  private final Pattern regex;

  private WildcardPattern(String source, Pattern regex) {
    this.source = source;
    this.regex = regex;
  }

  public static WildcardPattern compile(String pattern) {
    Objects.requireNonNull(pattern, "pattern");
    StringBuilder regex = new StringBuilder();
    StringBuilder literal = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\\' && i + 1 < pattern.length()
          && (pattern.charAt(i + 1) == '*' || pattern.charAt(i + 1) == '\\')) {
        literal.append(pattern.charAt(++i));
      } else if (c == '*') {
        flush(literal, regex);
        regex.append(".*");
      } else {
        literal.append(c);
      }
    }
    flush(literal, regex);
    return new WildcardPattern(pattern, Pattern.compile(regex.toString(), Pattern.DOTALL));
  }

  private static void flush(StringBuilder literal, StringBuilder regex) {
    if (literal.length() > 0) {
      regex.append(Pattern.quote(literal.toString()));
      literal.setLength(0);
    }
  }

  public boolean matches(String text) {
    return regex.matcher(text).matches();
  }

  /** The pattern as written in the definition. */
  public String source() {
    return source;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof WildcardPattern that && source.equals(that.source);
  }

  @Override
  public int hashCode() {
    return source.hashCode();
  }

  @Override
  public String toString() {
    return source;
  }
}
