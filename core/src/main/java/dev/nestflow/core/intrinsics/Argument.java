package dev.nestflow.core.intrinsics;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nestflow.core.json.Json;
import dev.nestflow.core.paths.PathResolver;
import java.util.random.RandomGenerator;

/** One argument of an intrinsic call, as written in the definition. */
public sealed interface Argument
    permits Argument.Literal, Argument.Text, Argument.Path, IntrinsicCall {

  /** The argument's value for one evaluation. */
  JsonNode evaluate(PathResolver paths, RandomGenerator random);

  /** A number, {@code true}, {@code false} or {@code null} written in the call. */
  record Literal(JsonNode value) implements Argument {
    @Override
    public JsonNode evaluate(PathResolver paths, RandomGenerator random) {
      return value;
    }
  }

  /**
   * A single-quoted string: {@code value} has the escapes removed, {@code raw} is the text between
   * the quotes (States.Format needs it to tell {@code \{} from a placeholder).
   */
  record Text(String value, String raw) implements Argument {
    @Override
    public JsonNode evaluate(PathResolver paths, RandomGenerator random) {
      return Json.NODES.textNode(value);
    }
  }

  /** A reference path: {@code $...} (input), {@code $$...} (context) or {@code $name...} (variable). */
  record Path(String path) implements Argument {
    @Override
    public JsonNode evaluate(PathResolver paths, RandomGenerator random) {
      return paths.resolve(path);
    }
  }
}
