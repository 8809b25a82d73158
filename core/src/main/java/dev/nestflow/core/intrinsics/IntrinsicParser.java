package dev.nestflow.core.intrinsics;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nestflow.core.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses intrinsic function text such as {@code States.Format('Hello {}', $.name)}.
 *
 * <p>Arguments are single-quoted strings (escapes {@code \'}, {@code \{}, {@code \}}, {@code \\};
 * any other backslash sequence is rejected, as AWS does), numbers, {@code true}, {@code false},
 * {@code null}, paths ({@code $...}, {@code $$...}, {@code $name...}, JsonPath with brackets and
 * filters) and nested calls. Everything AWS rejects when the state machine is created throws
 * {@link IntrinsicSyntaxException}: bad syntax, unknown functions, more than {@value #MAX_NESTING}
 * nested levels and a wrong number of arguments.
 */
public final class IntrinsicParser {
  /** Calls may be nested up to this many levels deep (the outermost call is level 1). */
  public static final int MAX_NESTING = 10;

  private static final String PREFIX = "States.";
  private static final Pattern CALL_SHAPE =
      Pattern.compile("States\\.[A-Za-z0-9]+\\(.*\\)\\s*", Pattern.DOTALL);
  private static final Pattern NUMBER =
      Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9]+");

  private final String text;
  private int pos;

  private IntrinsicParser(String text) {
    this.text = text;
  }

  /** True when {@code text} has the shape of an intrinsic call: {@code States.Name(...)}. */
  public static boolean looksLikeIntrinsic(String text) {
    return text != null && text.startsWith(PREFIX) && CALL_SHAPE.matcher(text).matches();
  }

  /** Parses one intrinsic call; the whole text must be that call (trailing whitespace allowed). */
  public static IntrinsicCall parse(String text) {
    if (text == null) {
      throw new IntrinsicSyntaxException("null", "no text");
    }
    IntrinsicParser parser = new IntrinsicParser(text);
    if (!text.startsWith(PREFIX)) {
      throw parser.error("an intrinsic function call must start with 'States.'");
    }
    IntrinsicCall call = parser.call(1);
    parser.skipSpaces();
    if (parser.pos < text.length()) {
      throw parser.error("unexpected text after the end of the call at position " + parser.pos);
    }
    return call;
  }

  private IntrinsicCall call(int depth) {
    int start = pos;
    if (depth > MAX_NESTING) {
      throw error("intrinsic functions cannot be nested more than " + MAX_NESTING + " levels deep");
    }
    if (!text.startsWith(PREFIX, pos)) {
      throw error("expected 'States.' at position " + pos);
    }
    pos += PREFIX.length();
    Matcher name = NAME.matcher(text).region(pos, text.length());
    if (!name.lookingAt()) {
      throw error("expected a function name at position " + pos);
    }
    String functionName = PREFIX + name.group();
    pos = name.end();
    IntrinsicFunction function =
        IntrinsicFunctions.byName(functionName)
            .orElseThrow(() -> error("unknown intrinsic function " + functionName));
    expect('(');
    List<Argument> arguments = new ArrayList<>();
    skipSpaces();
    if (peek() == ')') {
      pos++;
    } else {
      while (true) {
        skipSpaces();
        arguments.add(argument(depth));
        skipSpaces();
        char next = peek();
        pos++;
        if (next == ',') {
          continue;
        }
        if (next == ')') {
          break;
        }
        pos--;
        throw error(pos >= text.length()
            ? "missing ')' at the end of " + functionName
            : "expected ',' or ')' at position " + pos);
      }
    }
    int count = arguments.size();
    if (count < function.minArguments() || count > function.maxArguments()) {
      throw error(functionName + " takes " + arity(function) + ", but got " + count);
    }
    return new IntrinsicCall(function, arguments, text.substring(start, pos));
  }

  private Argument argument(int depth) {
    char c = peek();
    if (c == '\'') {
      return string();
    }
    if (c == '$') {
      return path();
    }
    if (c == '-' || (c >= '0' && c <= '9')) {
      return number();
    }
    if (text.startsWith(PREFIX, pos)) {
      return call(depth + 1);
    }
    for (String keyword : new String[] {"true", "false", "null"}) {
      if (text.startsWith(keyword, pos) && endsArgument(pos + keyword.length())) {
        pos += keyword.length();
        return new Argument.Literal(Json.parse(keyword));
      }
    }
    throw error(pos >= text.length() ? "unexpected end of text" : "invalid argument at position " + pos);
  }

  private Argument.Text string() {
    int open = pos++;
    StringBuilder value = new StringBuilder();
    while (pos < text.length()) {
      char c = text.charAt(pos++);
      if (c == '\'') {
        return new Argument.Text(value.toString(), text.substring(open + 1, pos - 1));
      }
      if (c == '\\') {
        if (pos >= text.length()) {
          break;
        }
        char escaped = text.charAt(pos++);
        if (escaped != '\'' && escaped != '{' && escaped != '}' && escaped != '\\') {
          throw error("illegal escape sequence '\\" + escaped + "' at position " + (pos - 2));
        }
        value.append(escaped);
      } else {
        value.append(c);
      }
    }
    throw error("unterminated string literal starting at position " + open);
  }

  private Argument.Literal number() {
    Matcher number = NUMBER.matcher(text).region(pos, text.length());
    if (!number.lookingAt() || !endsArgument(number.end())) {
      throw error("invalid number at position " + pos);
    }
    pos = number.end();
    JsonNode value = Json.parse(number.group());
    return new Argument.Literal(value);
  }

  /** A path runs to the next ',' or ')' outside brackets, parentheses and quotes. */
  private Argument.Path path() {
    int start = pos;
    int nesting = 0;
    char quote = 0;
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (quote != 0) {
        if (c == '\\') {
          pos++;
        } else if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '[' || c == '(') {
        nesting++;
      } else if (c == ']' || c == ')') {
        if (nesting == 0) {
          break;
        }
        nesting--;
      } else if (c == ',' && nesting == 0) {
        break;
      }
      pos++;
    }
    if (quote != 0 || nesting != 0) {
      throw error("unterminated path starting at position " + start);
    }
    String path = text.substring(start, pos).strip();
    if (path.chars().anyMatch(Character::isWhitespace) && !path.contains("[")) {
      throw error("invalid path '" + path + "'");
    }
    return new Argument.Path(path);
  }

  private boolean endsArgument(int at) {
    if (at >= text.length()) {
      return true;
    }
    char c = text.charAt(at);
    return c == ',' || c == ')' || Character.isWhitespace(c);
  }

  private void expect(char c) {
    if (peek() != c) {
      throw error("expected '" + c + "' at position " + pos);
    }
    pos++;
  }

  private char peek() {
    return pos < text.length() ? text.charAt(pos) : '\0';
  }

  private void skipSpaces() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  private IntrinsicSyntaxException error(String reason) {
    return new IntrinsicSyntaxException(text, reason);
  }

  private static String arity(IntrinsicFunction function) {
    int min = function.minArguments();
    int max = function.maxArguments();
    if (min == max) {
      return min + (min == 1 ? " argument" : " arguments");
    }
    if (max == Integer.MAX_VALUE) {
      return "at least " + min + (min == 1 ? " argument" : " arguments");
    }
    return min + " to " + max + " arguments";
  }
}
