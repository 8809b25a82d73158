package dev.nestflow.core.choice;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nestflow.core.paths.PathResolver;
import java.util.Objects;

/** The right-hand side of a {@link ChoiceRule.Comparison}: a literal or a path to a value. */
public sealed interface Operand {

  JsonNode value(PathResolver paths);

  /** A value written in the definition, e.g. the {@code 42} of {@code "NumericEquals": 42}. */
  record Literal(JsonNode value) implements Operand {
    public Literal {
      Objects.requireNonNull(value, "value");
    }

    @Override
    public JsonNode value(PathResolver paths) {
      return value;
    }
  }

  /** The path of a {@code ...Path} operator, resolved like {@code Variable} at evaluation time. */
  record PathReference(String path) implements Operand {
    public PathReference {
      Objects.requireNonNull(path, "path");
    }

    @Override
    public JsonNode value(PathResolver paths) {
      return ConditionPaths.resolve(paths, path);
    }
  }
}
