package dev.nestflow.core.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nestflow.core.states.Field;
import dev.nestflow.core.states.State;
import java.util.function.Supplier;

/**
 * What the fields of state {@code s} running in frame {@code f} can see: reference paths see the
 * effective input as {@code $}, JSONata sees the raw input as {@code $states.input}; both share
 * one context object ({@code $$}, {@code $states.context}), built on first use.
 */
final class Evaluation {
  final Execution ex;
  final Frame f;
  final State s;
  private final String taskToken;
  private final Supplier<JsonNode> lazyContext = this::context;
  private JsonNode context;
  /** The last scope {@link #paths(JsonNode)} made, reused for the same input. */
  private Scope lastPaths;

  Evaluation(Execution ex, Frame f, State s, String taskToken) {
    this.ex = ex;
    this.f = f;
    this.s = s;
    this.taskToken = taskToken;
  }

  /** The state's work runs without a task token. */
  Evaluation(Execution ex, Frame f, State s) {
    this(ex, f, s, null);
  }

  JsonNode context() {
    if (context == null) {
      context = ContextObject.build(ex, f, s, taskToken);
    }
    return context;
  }

  /** Paths over the effective input (the input after InputPath). */
  Scope paths() {
    return paths(f.effectiveInput);
  }

  /** Paths over {@code input}. */
  Scope paths(JsonNode input) {
    if (lastPaths == null || lastPaths.input() != input) {
      lastPaths = new Scope(input, lazyContext, f.variables);
    }
    return lastPaths;
  }

  /** JSONata over the state's raw input. */
  JsonataScope jsonata() {
    return new JsonataScope(ex, f.variables, f.stateInput, null, null, lazyContext);
  }

  /**
   * The value of a field as written, found at its path, or computed: the form the parser chose.
   * Paths may fail with {@link dev.nestflow.core.paths.PathNotFoundException}; JSONata with
   * {@link QueryEvaluationFailed}.
   */
  JsonNode value(Field field) {
    if (field instanceof Field.Literal literal) {
      return literal.value();
    }
    if (field instanceof Field.Path path) {
      return paths().resolve(path.path());
    }
    Field.Jsonata jsonata = (Field.Jsonata) field;
    return jsonata().evaluate(jsonata.template(), jsonata.name());
  }
}
