package dev.nestflow.console.graph;

import java.util.List;

/**
 * A definition as a drawing sees it: states with their transitions, Parallel branches and Map item
 * processors as nested graphs. Built leniently from the raw JSON (see {@link WorkflowGraphs}), so a
 * definition that CreateStateMachine would reject still draws: a graph is for looking at what was
 * written.
 *
 * @param states the states of this level, in definition order
 * @param edges transitions between states of this level (ASL never jumps across levels)
 * @param startAt the first state's name (null when absent or unknown)
 */
public record WorkflowGraph(List<Node> states, List<Edge> edges, String startAt) {

  /**
   * One state.
   *
   * @param id unique in the whole drawing (path of names), safe as an SVG id
   * @param name the state's name, as history events carry it
   * @param type the ASL type ("Task", "Map", ...; "?" when missing)
   * @param children the nested graphs: one per Parallel branch, one for a Map's item processor
   * @param terminal true when the state ends its level (End, Succeed, Fail)
   */
  public record Node(String id, String name, String type, List<Child> children, boolean terminal) {
    public boolean compound() {
      return !children.isEmpty();
    }
  }

  /** A nested graph and its caption ("Branch 1", "Item processor"). */
  public record Child(String id, String caption, WorkflowGraph graph) {}

  /** A transition; {@code label} says why it is taken (a Choice rule, Default, a Catch). */
  public record Edge(String from, String to, Kind kind, String label) {}

  public enum Kind {
    NEXT,
    CHOICE,
    DEFAULT,
    CATCH
  }
}
