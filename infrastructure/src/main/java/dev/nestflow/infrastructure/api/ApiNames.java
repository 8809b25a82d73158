package dev.nestflow.infrastructure.api;

/** The naming rules of state machines, executions and activities (1 to 80 characters, a restricted charset). */
final class ApiNames {
  private ApiNames() {}

  private static final String FORBIDDEN = " <>{}[]?*\"#%\\^|~`$&,;:/";

  static boolean valid(String name) {
    if (name.isEmpty() || name.codePointCount(0, name.length()) > 80) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (Character.isWhitespace(c) || FORBIDDEN.indexOf(c) >= 0 || c <= 0x1F || (c >= 0x7F && c <= 0x9F)
          || c == '\uFFFE' || c == '\uFFFF') {
        return false;
      }
      if (Character.isHighSurrogate(c) && i + 1 < name.length() && Character.isLowSurrogate(name.charAt(i + 1))) {
        i++; // a supplementary character (non-ASCII is allowed); a lone surrogate is not
      } else if (Character.isSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  static String check(String name) {
    if (!valid(name)) {
      throw ApiErrors.invalidName(name);
    }
    return name;
  }
}
