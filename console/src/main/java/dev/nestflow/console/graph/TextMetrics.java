package dev.nestflow.console.graph;

/**
 * Text widths without a font engine: a generous per-character estimate for the sans-serif fonts
 * the drawing asks for, so a label never spills out of its box (boxes are a little wide instead).
 */
final class TextMetrics {
  private TextMetrics() {}

  static double bold(String s) {
    return width(s, 8.2);
  }

  static double plain(String s) {
    return width(s, 7.0);
  }

  static double small(String s) {
    return width(s, 6.2);
  }

  private static double width(String s, double perChar) {
    if (s == null) {
      return 0;
    }
    double w = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      w += Character.isUpperCase(c) || c == 'm' || c == 'w' || c == 'M' || c == 'W' ? perChar * 1.25 : perChar;
    }
    return w;
  }
}
