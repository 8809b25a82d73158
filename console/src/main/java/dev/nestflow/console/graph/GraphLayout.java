package dev.nestflow.console.graph;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.elk.alg.layered.options.LayeredMetaDataProvider;
import org.eclipse.elk.alg.layered.options.LayeredOptions;
import org.eclipse.elk.alg.layered.options.OrderingStrategy;
import org.eclipse.elk.core.RecursiveGraphLayoutEngine;
import org.eclipse.elk.core.data.LayoutMetaDataService;
import org.eclipse.elk.core.math.ElkPadding;
import org.eclipse.elk.core.math.KVector;
import org.eclipse.elk.core.options.CoreOptions;
import org.eclipse.elk.core.options.Direction;
import org.eclipse.elk.core.options.EdgeLabelPlacement;
import org.eclipse.elk.core.options.EdgeRouting;
import org.eclipse.elk.core.options.SizeConstraint;
import org.eclipse.elk.core.util.BasicProgressMonitor;
import org.eclipse.elk.graph.ElkBendPoint;
import org.eclipse.elk.graph.ElkEdge;
import org.eclipse.elk.graph.ElkEdgeSection;
import org.eclipse.elk.graph.ElkLabel;
import org.eclipse.elk.graph.ElkNode;
import org.eclipse.elk.graph.util.ElkGraphUtil;

/**
 * Lays a {@link WorkflowGraph} out with Eclipse ELK's layered algorithm, top to bottom, each
 * nested graph laid out first and drawn inside its parent's box. Box sizes come from the text they
 * will hold ({@link TextMetrics}); the result has absolute coordinates, ready to draw.
 */
public final class GraphLayout {
  static final double LEAF_HEIGHT = 46;
  static final double HEADER = 40;
  static final double CAPTION = 24;
  static final double MARKER = 18;

  static {
    LayoutMetaDataService.getInstance().registerLayoutMetaDataProviders(new LayeredMetaDataProvider());
  }

  /** What a box stands for. */
  public enum BoxKind {
    STATE,
    GROUP,
    START,
    END
  }

  /**
   * A laid-out box: a state (compound when it has children), a Parallel branch or Map processor
   * ({@code GROUP}), or the start/end marker.
   */
  public record Box(String id, BoxKind kind, WorkflowGraph.Node node, String caption,
      double x, double y, double width, double height, List<Box> children) {}

  /** A laid-out edge: polyline points (absolute) and where its label goes (null when none). */
  public record Line(WorkflowGraph.Edge edge, List<double[]> points, double[] labelAt) {}

  /** The whole drawing. */
  public record Layout(double width, double height, List<Box> boxes, List<Line> lines) {}

  /** Box text for a state: its name and a second line (type, or type and status). */
  public interface Labels {
    String secondLine(WorkflowGraph.Node node);
  }

  private final Labels labels;
  private final Map<ElkNode, Object> sources = new HashMap<>();
  private final Map<ElkEdge, WorkflowGraph.Edge> edgeSources = new HashMap<>();

  private GraphLayout(Labels labels) {
    this.labels = labels;
  }

  public static Layout layout(WorkflowGraph graph, Labels labels) {
    return new GraphLayout(labels).run(graph);
  }

  private Layout run(WorkflowGraph graph) {
    ElkNode root = ElkGraphUtil.createGraph();
    configure(root, 20, 20);
    ElkNode start = marker(root, "start");
    ElkNode end = marker(root, "end");
    Map<String, ElkNode> top = fill(root, graph);
    if (graph.startAt() != null) {
      ElkGraphUtil.createSimpleEdge(start, top.get(graph.startAt()));
    }
    for (WorkflowGraph.Node n : graph.states()) {
      if (n.terminal()) {
        ElkGraphUtil.createSimpleEdge(top.get(n.name()), end);
      }
    }
    new RecursiveGraphLayoutEngine().layout(root, new BasicProgressMonitor());
    List<Box> boxes = new ArrayList<>();
    List<Line> lines = new ArrayList<>();
    collect(root, 0, 0, boxes, lines);
    return new Layout(root.getWidth(), root.getHeight(), boxes, lines);
  }

  private static void configure(ElkNode container, double top, double side) {
    container.setProperty(CoreOptions.ALGORITHM, LayeredOptions.ALGORITHM_ID);
    container.setProperty(CoreOptions.DIRECTION, Direction.DOWN);
    container.setProperty(CoreOptions.EDGE_ROUTING, EdgeRouting.ORTHOGONAL);
    container.setProperty(CoreOptions.PADDING, new ElkPadding(top, side, side, side));
    container.setProperty(CoreOptions.SPACING_NODE_NODE, 24.0);
    container.setProperty(LayeredOptions.SPACING_NODE_NODE_BETWEEN_LAYERS, 36.0);
    container.setProperty(LayeredOptions.SPACING_EDGE_NODE_BETWEEN_LAYERS, 14.0);
    container.setProperty(CoreOptions.SPACING_EDGE_LABEL, 4.0);
    // definition order decides ties, so the same definition always draws the same way
    container.setProperty(LayeredOptions.CONSIDER_MODEL_ORDER_STRATEGY, OrderingStrategy.NODES_AND_EDGES);
  }

  private ElkNode marker(ElkNode parent, String kind) {
    ElkNode n = ElkGraphUtil.createNode(parent);
    n.setIdentifier(kind);
    n.setDimensions(MARKER * 3, MARKER);
    sources.put(n, kind.equals("start") ? BoxKind.START : BoxKind.END);
    return n;
  }

  /** Adds a level's states (and their nested graphs) to {@code parent}; returns them by name. */
  private Map<String, ElkNode> fill(ElkNode parent, WorkflowGraph graph) {
    Map<String, ElkNode> byName = new HashMap<>();
    for (WorkflowGraph.Node state : graph.states()) {
      ElkNode n = ElkGraphUtil.createNode(parent);
      n.setIdentifier(state.id());
      sources.put(n, state);
      double textWidth = Math.max(TextMetrics.bold(state.name()), TextMetrics.plain(labels.secondLine(state)));
      if (state.compound()) {
        configure(n, HEADER, 12);
        // branches side by side in definition order, as one layer, not stacked as separate components
        n.setProperty(CoreOptions.SEPARATE_CONNECTED_COMPONENTS, false);
        for (WorkflowGraph.Child child : state.children()) {
          ElkNode group = ElkGraphUtil.createNode(n);
          group.setIdentifier(child.id());
          sources.put(group, child);
          configure(group, CAPTION, 10);
          minimum(group, TextMetrics.plain(child.caption()) + 20, CAPTION + 10);
          fill(group, child.graph());
        }
        minimum(n, textWidth + 24, HEADER + 20);
      } else {
        n.setDimensions(Math.max(120, textWidth + 28), LEAF_HEIGHT);
      }
      byName.putIfAbsent(state.name(), n);
    }
    for (WorkflowGraph.Edge edge : graph.edges()) {
      ElkEdge e = ElkGraphUtil.createSimpleEdge(byName.get(edge.from()), byName.get(edge.to()));
      edgeSources.put(e, edge);
      if (edge.label() != null) {
        ElkLabel label = ElkGraphUtil.createLabel(edge.label(), e);
        label.setDimensions(TextMetrics.small(edge.label()) + 6, 14);
        label.setProperty(CoreOptions.EDGE_LABELS_PLACEMENT, EdgeLabelPlacement.CENTER);
      }
    }
    return byName;
  }

  private static void minimum(ElkNode n, double width, double height) {
    n.setProperty(CoreOptions.NODE_SIZE_CONSTRAINTS, EnumSet.of(SizeConstraint.MINIMUM_SIZE));
    n.setProperty(CoreOptions.NODE_SIZE_MINIMUM, new KVector(width, height));
  }

  /** Converts ELK's parent-relative coordinates to absolute ones. */
  private void collect(ElkNode parent, double ox, double oy, List<Box> boxes, List<Line> lines) {
    for (ElkNode n : parent.getChildren()) {
      double x = ox + n.getX();
      double y = oy + n.getY();
      List<Box> children = new ArrayList<>();
      collect(n, x, y, children, lines);
      Object source = sources.get(n);
      Box box;
      if (source instanceof WorkflowGraph.Node state) {
        box = new Box(state.id(), BoxKind.STATE, state, null, x, y, n.getWidth(), n.getHeight(), List.copyOf(children));
      } else if (source instanceof WorkflowGraph.Child child) {
        box = new Box(child.id(), BoxKind.GROUP, null, child.caption(), x, y, n.getWidth(), n.getHeight(),
            List.copyOf(children));
      } else {
        BoxKind kind = (BoxKind) source;
        box = new Box(kind == BoxKind.START ? "start" : "end", kind, null, kind == BoxKind.START ? "Start" : "End",
            x, y, n.getWidth(), n.getHeight(), List.of());
      }
      boxes.add(box);
    }
    for (ElkEdge e : parent.getContainedEdges()) {
      List<double[]> points = new ArrayList<>();
      for (ElkEdgeSection s : e.getSections()) {
        points.add(new double[] {ox + s.getStartX(), oy + s.getStartY()});
        for (ElkBendPoint b : s.getBendPoints()) {
          points.add(new double[] {ox + b.getX(), oy + b.getY()});
        }
        points.add(new double[] {ox + s.getEndX(), oy + s.getEndY()});
      }
      double[] labelAt = null;
      if (!e.getLabels().isEmpty()) {
        ElkLabel l = e.getLabels().get(0);
        labelAt = new double[] {ox + l.getX(), oy + l.getY(), l.getWidth(), l.getHeight()};
      }
      lines.add(new Line(edgeSources.get(e), List.copyOf(points), labelAt));
    }
  }
}
