package dev.nestflow.core.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.states.Catcher;
import dev.nestflow.core.states.MapState;
import dev.nestflow.core.states.QueryLanguage;
import dev.nestflow.core.states.State;
import java.util.Map;

/**
 * Input and output processing, one strategy per query language: JSONPath (InputPath, Parameters,
 * ResultSelector, ResultPath, OutputPath) and JSONata (Arguments, Output). Both evaluate Assign.
 * The state's language, fixed when the definition was parsed, picks the strategy ({@link #of});
 * nothing else in the interpreter asks which language a state uses.
 */
interface InputOutput {

  static InputOutput of(State s) {
    return s.common().queryLanguage() == QueryLanguage.JSONATA ? JsonataIo.INSTANCE : JsonPathIo.INSTANCE;
  }

  /** Sets {@code f.effectiveInput}: what the state's paths and templates read. */
  void selectInput(Evaluation ev);

  /** The input the state's work is given (Parameters, Arguments); the effective input by default. */
  JsonNode arguments(Evaluation ev);

  /** A state with a result (Task, Parallel, Map, Pass) exits with it. */
  void exitWithResult(Evaluation ev, JsonNode result);

  /**
   * A state without a result (Wait, Succeed, Choice) exits: {@code assign} and {@code output} are
   * the state's (or, in a Choice, the matched rule's) Assign and Output.
   */
  void exitWithInput(Evaluation ev, String next, JsonNode assign, JsonNode output);

  /** Pass: its Result (JSONPath) or its input goes through the state's output processing. */
  void exitPass(Evaluation ev, JsonNode result);

  /** What a matching catcher makes of the error: the state's output and its assignments. */
  Caught caught(Evaluation ev, Catcher c, ObjectNode errorOutput);

  record Caught(JsonNode output, Map<String, JsonNode> assigned) {}

  /** The input of Map iteration {@code index} for {@code item}: ItemSelector when the state has one. */
  JsonNode itemInput(Evaluation ev, MapState s, int index, JsonNode item);
}
