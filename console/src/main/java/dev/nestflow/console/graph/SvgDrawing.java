package dev.nestflow.console.graph;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;

/**
 * Draws a definition as SVG, optionally coloured by one execution's history. Every state is a
 * {@code <g class="state" data-state="NAME" data-status="...">} with its rect, name, type and
 * status line and a {@code <title>} for screen readers; nested boxes sit inside their parent's
 * group, so the document's structure is the definition's. The status is said in words and marks
 * (✓ ✗ ! ▶ –) and border patterns, not by colour alone.
 */
public final class SvgDrawing {
  private final StateRuns runs;
  private final StringBuilder out = new StringBuilder();

  private SvgDrawing(StateRuns runs) {
    this.runs = runs;
  }

  /** The drawing of a definition; {@code history} (GetExecutionHistory's events array) may be null. */
  public static String svg(JsonNode definition, JsonNode history) {
    StateRuns runs = history == null ? null : StateRuns.from(history);
    WorkflowGraph graph = WorkflowGraphs.of(definition);
    SvgDrawing drawing = new SvgDrawing(runs);
    GraphLayout.Layout layout = GraphLayout.layout(graph, drawing::secondLine);
    return drawing.draw(layout);
  }

  String secondLine(WorkflowGraph.Node node) {
    if (runs == null) {
      return node.type();
    }
    StateRuns.Run run = runs.of(node.name());
    String mark = run.status().mark();
    return node.type() + " · " + (mark.isEmpty() ? "" : mark + " ") + run.summary();
  }

  private String draw(GraphLayout.Layout layout) {
    double w = Math.ceil(layout.width());
    double h = Math.ceil(layout.height());
    out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"nestflow-graph\" role=\"img\" width=\"")
        .append(num(w)).append("\" height=\"").append(num(h)).append("\" viewBox=\"0 0 ").append(num(w)).append(' ')
        .append(num(h)).append("\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\">\n");
    out.append("<title>Workflow graph").append(runs == null ? "" : " (execution " + runs.executionStatus().toLowerCase(Locale.ROOT) + ")")
        .append("</title>\n");
    out.append("""
        <defs>
          <marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#475569"/></marker>
          <pattern id="hatch-running" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="8" height="8" fill="#dbeafe"/><line x1="0" y1="0" x2="0" y2="8" stroke="#93c5fd" stroke-width="3"/></pattern>
          <pattern id="hatch-failed" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(-45)"><rect width="6" height="6" fill="#fee2e2"/><line x1="0" y1="0" x2="0" y2="6" stroke="#fca5a5" stroke-width="2"/></pattern>
        </defs>
        <style>
          .edge { fill: none; stroke: #475569; stroke-width: 1.3; }
          .edge.catch { stroke-dasharray: 6 3; stroke: #b45309; }
          .edge-label { font-size: 10.5px; fill: #334155; }
          .state-name { font-weight: bold; fill: #0f172a; }
          .state-sub { fill: #334155; }
          .group-caption { font-size: 11px; fill: #475569; font-style: italic; }
          .state:focus > rect, .state:hover > rect { stroke-width: 3.5; }
        </style>
        """);
    for (GraphLayout.Box box : layout.boxes()) {
      box(box, 1);
    }
    // transitions over the boxes: a nested graph's edges would otherwise hide under its parent's fill
    for (GraphLayout.Line line : layout.lines()) {
      line(line);
    }
    out.append("</svg>\n");
    return out.toString();
  }

  private void box(GraphLayout.Box box, int depth) {
    String indent = "  ".repeat(depth);
    switch (box.kind()) {
      case START, END -> {
        out.append(indent).append("<g class=\"marker ").append(box.kind() == GraphLayout.BoxKind.START ? "start" : "end")
            .append("\"><rect x=\"").append(num(box.x())).append("\" y=\"").append(num(box.y())).append("\" width=\"")
            .append(num(box.width())).append("\" height=\"").append(num(box.height()))
            .append("\" rx=\"9\" fill=\"#e2e8f0\" stroke=\"#64748b\"/><text x=\"").append(num(box.x() + box.width() / 2))
            .append("\" y=\"").append(num(box.y() + 13)).append("\" text-anchor=\"middle\" font-size=\"11\">")
            .append(box.caption()).append("</text></g>\n");
      }
      case GROUP -> {
        out.append(indent).append("<g class=\"group\" data-group=\"").append(escape(box.caption())).append("\">")
            .append("<rect x=\"").append(num(box.x())).append("\" y=\"").append(num(box.y())).append("\" width=\"")
            .append(num(box.width())).append("\" height=\"").append(num(box.height()))
            .append("\" rx=\"4\" fill=\"#f8fafc\" stroke=\"#94a3b8\" stroke-dasharray=\"4 3\"/>")
            .append("<text class=\"group-caption\" x=\"").append(num(box.x() + 8)).append("\" y=\"")
            .append(num(box.y() + 16)).append("\">").append(escape(box.caption())).append("</text>\n");
        for (GraphLayout.Box child : box.children()) {
          box(child, depth + 1);
        }
        out.append(indent).append("</g>\n");
      }
      case STATE -> state(box, depth, indent);
    }
  }

  private void state(GraphLayout.Box box, int depth, String indent) {
    WorkflowGraph.Node node = box.node();
    StateStatus status = runs == null ? null : runs.of(node.name()).status();
    String fill = status == null ? (node.compound() ? "#ffffff" : "#f1f5f9")
        : status == StateStatus.RUNNING ? "url(#hatch-running)"
        : status == StateStatus.FAILED ? "url(#hatch-failed)" : status.fill();
    String stroke = status == null ? "#334155" : status.stroke();
    String dash = status == StateStatus.NOT_REACHED ? " stroke-dasharray=\"5 4\""
        : status == StateStatus.CAUGHT ? " stroke-dasharray=\"10 3 2 3\"" : "";
    double strokeWidth = status == StateStatus.FAILED || status == StateStatus.RUNNING ? 2.6 : 1.5;
    String second = secondLine(node);
    out.append(indent).append("<g class=\"state").append(status == null ? "" : " " + status.cssName())
        .append("\" tabindex=\"0\" id=\"").append(escape(node.id())).append("\" data-state=\"").append(escape(node.name()))
        .append("\" data-type=\"").append(escape(node.type())).append('"');
    if (status != null) {
      out.append(" data-status=\"").append(status.cssName()).append('"');
    }
    out.append(">\n").append(indent).append("  <title>").append(escape(node.name() + " (" + second + ")"))
        .append("</title>\n");
    out.append(indent).append("  <rect x=\"").append(num(box.x())).append("\" y=\"").append(num(box.y()))
        .append("\" width=\"").append(num(box.width())).append("\" height=\"").append(num(box.height()))
        .append("\" rx=\"6\" fill=\"").append(fill).append("\" stroke=\"").append(stroke).append("\" stroke-width=\"")
        .append(num(strokeWidth)).append('"').append(dash).append("/>\n");
    double cx = node.compound() ? box.x() + 10 : box.x() + box.width() / 2;
    String anchor = node.compound() ? "start" : "middle";
    out.append(indent).append("  <text class=\"state-name\" x=\"").append(num(cx)).append("\" y=\"")
        .append(num(box.y() + 18)).append("\" text-anchor=\"").append(anchor).append("\">").append(escape(node.name()))
        .append("</text>\n");
    out.append(indent).append("  <text class=\"state-sub\" x=\"").append(num(cx)).append("\" y=\"")
        .append(num(box.y() + 35)).append("\" text-anchor=\"").append(anchor).append("\">").append(escape(second))
        .append("</text>\n");
    for (GraphLayout.Box child : box.children()) {
      box(child, depth + 1);
    }
    out.append(indent).append("</g>\n");
  }

  private void line(GraphLayout.Line line) {
    List<double[]> points = line.points();
    if (points.isEmpty()) {
      return;
    }
    boolean catchEdge = line.edge() != null && line.edge().kind() == WorkflowGraph.Kind.CATCH;
    out.append("<polyline class=\"edge").append(catchEdge ? " catch" : "").append("\" marker-end=\"url(#arrow)\" points=\"");
    for (double[] p : points) {
      out.append(num(p[0])).append(',').append(num(p[1])).append(' ');
    }
    out.setLength(out.length() - 1);
    out.append("\"/>\n");
    if (line.labelAt() != null && line.edge() != null && line.edge().label() != null) {
      double[] l = line.labelAt();
      out.append("<text class=\"edge-label\" x=\"").append(num(l[0] + 3)).append("\" y=\"").append(num(l[1] + 11))
          .append("\">").append(escape(line.edge().label())).append("</text>\n");
    }
  }

  private static String num(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : String.format(Locale.ROOT, "%.1f", d);
  }

  static String escape(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> {
          if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
            b.append('?');
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.toString();
  }
}
