package dev.nestflow.console.graph;

/**
 * What happened to a state in one execution. Each status has a word and a mark as well as a
 * colour, so the drawing reads without colour too.
 */
public enum StateStatus {
  NOT_REACHED("not reached", "", "#ffffff", "#9aa0a6"),
  RUNNING("running", "▶", "#dbeafe", "#1d4ed8"),
  SUCCEEDED("succeeded", "✓", "#dcfce7", "#15803d"),
  CAUGHT("caught", "!", "#fef3c7", "#b45309"),
  FAILED("failed", "✗", "#fee2e2", "#b91c1c"),
  CANCELLED("cancelled", "–", "#f1f5f9", "#475569");

  private final String word;
  private final String mark;
  private final String fill;
  private final String stroke;

  StateStatus(String word, String mark, String fill, String stroke) {
    this.word = word;
    this.mark = mark;
    this.fill = fill;
    this.stroke = stroke;
  }

  public String word() {
    return word;
  }

  public String mark() {
    return mark;
  }

  public String fill() {
    return fill;
  }

  public String stroke() {
    return stroke;
  }

  /** The CSS class and data value: {@code not-reached}, {@code succeeded}, ... */
  public String cssName() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
