package dev.nestflow.console.graph;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** A drawn SVG read back: the state, group and marker boxes as nested rectangles, from the XML itself. */
record DrawnGraph(List<Rect> top) {

  record Rect(String label, String status, double x, double y, double w, double h, List<Rect> children) {
    boolean overlaps(Rect o) {
      return x < o.x + o.w && o.x < x + w && y < o.y + o.h && o.y < y + h;
    }

    boolean contains(Rect o) {
      return o.x >= x && o.y >= y && o.x + o.w <= x + w && o.y + o.h <= y + h;
    }
  }

  static DrawnGraph parse(String svg) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    Element root = f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)))
        .getDocumentElement();
    return new DrawnGraph(children(root));
  }

  private static List<Rect> children(Element parent) {
    List<Rect> out = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element g && g.getTagName().equals("g")) {
        Element rect = firstRect(g);
        String label = g.hasAttribute("data-state") ? g.getAttribute("data-state")
            : g.hasAttribute("data-group") ? g.getAttribute("data-group") : g.getAttribute("class");
        out.add(new Rect(label, g.getAttribute("data-status"), d(rect, "x"), d(rect, "y"), d(rect, "width"),
            d(rect, "height"), children(g)));
      }
    }
    return out;
  }

  private static Element firstRect(Element g) {
    for (Node n = g.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals("rect")) {
        return e;
      }
    }
    throw new AssertionError("a box without a rect: " + g.getAttribute("class"));
  }

  private static double d(Element e, String attribute) {
    return Double.parseDouble(e.getAttribute(attribute));
  }

  /** Every problem with the geometry: siblings that overlap, children outside their parent. */
  List<String> problems() {
    List<String> problems = new ArrayList<>();
    check(top, null, problems);
    return problems;
  }

  private static void check(List<Rect> siblings, Rect parent, List<String> problems) {
    for (int i = 0; i < siblings.size(); i++) {
      Rect a = siblings.get(i);
      if (a.w <= 0 || a.h <= 0) {
        problems.add(a.label + " has no area");
      }
      if (parent != null && !parent.contains(a)) {
        problems.add(a.label + " lies outside " + parent.label);
      }
      for (int j = i + 1; j < siblings.size(); j++) {
        if (a.overlaps(siblings.get(j))) {
          problems.add(a.label + " overlaps " + siblings.get(j).label);
        }
      }
      check(a.children, a, problems);
    }
  }

  /** All state boxes, depth first. */
  List<Rect> states() {
    List<Rect> all = new ArrayList<>();
    collect(top, all);
    return all;
  }

  private static void collect(List<Rect> rects, List<Rect> all) {
    for (Rect r : rects) {
      all.add(r);
      collect(r.children, all);
    }
  }
}
