package dev.nestflow.core.intrinsics.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.nestflow.core.intrinsics.Arguments;
import dev.nestflow.core.json.Json;
import java.util.random.RandomGenerator;

/**
 * {@code States.StringSplit(text, delimiters)}: splits at every character that occurs in
 * {@code delimiters} (each one is a delimiter on its own) and drops empty pieces.
 */
public final class StringSplit extends BaseFunction {
  public StringSplit() {
    super("States.StringSplit", 2, 2);
  }

  @Override
  public JsonNode apply(Arguments arguments, RandomGenerator random) {
    String text = arguments.string(0);
    String delimiters = arguments.string(1);
    ArrayNode pieces = Json.array();
    StringBuilder piece = new StringBuilder();
    text.codePoints().forEach(c -> {
      if (delimiters.indexOf(c) >= 0) {
        addIfNotEmpty(pieces, piece);
      } else {
        piece.appendCodePoint(c);
      }
    });
    addIfNotEmpty(pieces, piece);
    return pieces;
  }

  private static void addIfNotEmpty(ArrayNode pieces, StringBuilder piece) {
    if (piece.length() > 0) {
      pieces.add(piece.toString());
      piece.setLength(0);
    }
  }
}
