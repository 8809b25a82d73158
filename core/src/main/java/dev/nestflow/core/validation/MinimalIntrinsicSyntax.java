package dev.nestflow.core.validation;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * A small recursive-descent recogniser for intrinsic calls: a known {@code States.*} name, then
 * arguments that are string literals (escapes {@code \' \{ \} \\} only), numbers, booleans,
 * {@code null}, paths or nested calls. It checks syntax only (no arity or types).
 */
final class MinimalIntrinsicSyntax implements IntrinsicSyntax {
  private static final Set<String> FUNCTIONS =
      Set.of(
          "Format", "StringToJson", "JsonToString", "Array", "ArrayPartition", "ArrayContains",
          "ArrayRange", "ArrayGetItem", "ArrayLength", "ArrayUnique", "Base64Encode",
          "Base64Decode", "Hash", "JsonMerge", "MathRandom", "MathAdd", "StringSplit", "UUID");
  private static final Pattern NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

  @Override
  public boolean isValidCall(String text) {
    if (text == null) {
      return false;
    }
    Cursor cursor = new Cursor(text);
    try {
      cursor.skipSpaces();
      cursor.call();
      cursor.skipSpaces();
      return cursor.atEnd();
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static final class Cursor {
    private final String text;
    private int pos;

    Cursor(String text) {
      this.text = text;
    }

    boolean atEnd() {
      return pos >= text.length();
    }

    void skipSpaces() {
      while (!atEnd() && Character.isWhitespace(text.charAt(pos))) {
        pos++;
      }
    }

    void call() {
      expect("States.");
      int start = pos;
      while (!atEnd() && Character.isLetterOrDigit(text.charAt(pos))) {
        pos++;
      }
      if (!FUNCTIONS.contains(text.substring(start, pos))) {
        throw new IllegalArgumentException("unknown intrinsic");
      }
      skipSpaces();
      expect("(");
      skipSpaces();
      if (peek() == ')') {
        pos++;
        return;
      }
      while (true) {
        argument();
        skipSpaces();
        char c = peek();
        pos++;
        if (c == ')') {
          return;
        }
        if (c != ',') {
          throw new IllegalArgumentException("expected , or )");
        }
        skipSpaces();
      }
    }

    private void argument() {
      char c = peek();
      if (text.startsWith("States.", pos)) {
        call();
      } else if (c == '\'') {
        stringLiteral();
      } else if (c == '$') {
        path();
      } else {
        int start = pos;
        while (!atEnd() && ",)".indexOf(text.charAt(pos)) < 0 && !Character.isWhitespace(text.charAt(pos))) {
          pos++;
        }
        String word = text.substring(start, pos);
        if (!word.equals("true") && !word.equals("false") && !word.equals("null")
            && !NUMBER.matcher(word).matches()) {
          throw new IllegalArgumentException("bad literal");
        }
      }
    }

    private void stringLiteral() {
      pos++;
      while (true) {
        char c = peek();
        pos++;
        if (c == '\'') {
          return;
        }
        if (c == '\\') {
          char escaped = peek();
          if ("'{}\\".indexOf(escaped) < 0) {
            throw new IllegalArgumentException("illegal escape");
          }
          pos++;
        }
      }
    }

    private void path() {
      int start = pos;
      int depth = 0;
      char quote = 0;
      while (!atEnd()) {
        char c = text.charAt(pos);
        if (quote != 0) {
          if (c == quote) {
            quote = 0;
          }
        } else if (c == '\'' || c == '"') {
          quote = c;
        } else if (c == '[' || c == '(') {
          depth++;
        } else if (c == ']' || (c == ')' && depth > 0)) {
          depth--;
        } else if (depth == 0 && (c == ',' || c == ')')) {
          break;
        }
        pos++;
      }
      if (!PathSyntax.isPath(text.substring(start, pos).strip())) {
        throw new IllegalArgumentException("bad path");
      }
    }

    private char peek() {
      if (atEnd()) {
        throw new IllegalArgumentException("unexpected end");
      }
      return text.charAt(pos);
    }

    private void expect(String token) {
      if (!text.startsWith(token, pos)) {
        throw new IllegalArgumentException("expected " + token);
      }
      pos += token.length();
    }
  }
}
