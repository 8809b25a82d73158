package dev.nestflow.core.states;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * A set of states with a start: the whole definition, a Parallel branch or a Map item processor.
 *
 * @param states states by name, in definition order
 * @param timeoutSeconds the top-level TimeoutSeconds (null when absent or for branches)
 */
public record StateMachine(
    String startAt,
    Map<String, State> states,
    String comment,
    Integer timeoutSeconds,
    QueryLanguage queryLanguage,
    JsonNode raw) {

  public State state(String name) {
    State s = states.get(name);
    if (s == null) {
      throw new IllegalStateException("no state named '" + name + "'");
    }
    return s;
  }

  public State start() {
    return state(startAt);
  }
}
