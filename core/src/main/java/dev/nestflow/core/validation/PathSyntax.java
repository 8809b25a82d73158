package dev.nestflow.core.validation;

import com.jayway.jsonpath.JsonPath;
import java.util.regex.Pattern;

/**
 * Syntax of the paths ASL accepts: JSONPath on the input ({@code $.a}), on the context object
 * ({@code $$.Execution.Id}) and on variables ({@code $name.field}). Jayway's compiler decides the
 * JSONPath grammar; we add what it is lenient about (a leading {@code $}, balanced brackets).
 */
final class PathSyntax {
  private PathSyntax() {}

  private static final Pattern VARIABLE = Pattern.compile("\\$[A-Za-z_][A-Za-z0-9_]*");

  /** A path usable where ASL reads a value: input, context object or variable. */
  static boolean isPath(String text) {
    if (text == null || !text.startsWith("$")) {
      return false;
    }
    if (text.startsWith("$$")) {
      return isJsonPath(text.substring(1));
    }
    var variable = VARIABLE.matcher(text);
    if (variable.lookingAt()) {
      String rest = text.substring(variable.end());
      return rest.isEmpty()
          || ((rest.startsWith(".") || rest.startsWith("[")) && isJsonPath("$" + rest));
    }
    return isJsonPath(text);
  }

  /** A path naming one place in the state input (ResultPath): plain JSONPath, definite. */
  static boolean isReferencePath(String text) {
    if (text == null || text.startsWith("$$") || !isJsonPath(text)) {
      return false;
    }
    try {
      return JsonPath.compile(text).isDefinite();
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static boolean isJsonPath(String text) {
    if (!text.startsWith("$") || (text.length() > 1 && text.charAt(1) != '.' && text.charAt(1) != '[')) {
      return false;
    }
    if (!bracketsBalanced(text)) {
      return false;
    }
    try {
      JsonPath.compile(text);
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static boolean bracketsBalanced(String text) {
    int depth = 0;
    char quote = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quote != 0) {
        if (c == '\\') {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '[' || c == '(') {
        depth++;
      } else if (c == ']' || c == ')') {
        if (--depth < 0) {
          return false;
        }
      }
    }
    return depth == 0 && quote == 0;
  }
}
