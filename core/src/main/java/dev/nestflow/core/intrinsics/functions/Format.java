package dev.nestflow.core.intrinsics.functions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nestflow.core.intrinsics.Arguments;
import dev.nestflow.core.intrinsics.JsonTypes;
import dev.nestflow.core.json.Json;
import java.util.random.RandomGenerator;

/**
 * {@code States.Format(template, values...)}: replaces each {@code {}} of the template by the next
 * value, in order. In a template written as a literal, {@code \{} and {@code \}} are plain braces.
 * The number of placeholders must equal the number of values.
 */
public final class Format extends BaseFunction {
  public Format() {
    super("States.Format", 1, UNLIMITED);
  }

  @Override
  public JsonNode apply(Arguments arguments, RandomGenerator random) {
    String template = arguments.string(0);
    String written = arguments.rawLiteral(0).orElse(null);
    int values = arguments.size() - 1;
    int placeholders = written != null ? countPlaceholders(written, true) : countPlaceholders(template, false);
    if (placeholders != values) {
      throw arguments.failure(
          "the template has " + placeholders + " placeholder(s) but " + values + " value(s) were given.");
    }
    StringBuilder out = new StringBuilder();
    String source = written != null ? written : template;
    int next = 1;
    for (int i = 0; i < source.length(); i++) {
      char c = source.charAt(i);
      if (written != null && c == '\\' && i + 1 < source.length()) {
        out.append(source.charAt(++i));
      } else if (c == '{' && i + 1 < source.length() && source.charAt(i + 1) == '}') {
        out.append(JsonTypes.render(arguments.get(next++)));
        i++;
      } else {
        out.append(c);
      }
    }
    return Json.NODES.textNode(out.toString());
  }

  private static int countPlaceholders(String source, boolean escapes) {
    int count = 0;
    for (int i = 0; i < source.length(); i++) {
      char c = source.charAt(i);
      if (escapes && c == '\\') {
        i++;
      } else if (c == '{' && i + 1 < source.length() && source.charAt(i + 1) == '}') {
        count++;
        i++;
      }
    }
    return count;
  }
}
