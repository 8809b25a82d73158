package dev.nestflow.core.paths;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import dev.nestflow.core.json.Json;
import java.util.concurrent.ConcurrentHashMap;

/**
 * JSONPath evaluation over JSON values. Paths are compiled once and cached, so a definition's paths
 * are parsed once however often they run.
 */
public final class JsonPaths {
  private JsonPaths() {}

  private static final Configuration CONFIG =
      Configuration.builder()
          .jsonProvider(new StrictIndexProvider())
          .mappingProvider(new JacksonMappingProvider(Json.MAPPER))
          .build();

  /** A compiled path, with its direct form when it is a simple definite path (see {@link SimplePath}). */
  private record Compiled(JsonPath jayway, SimplePath simple) {}

  private static final ConcurrentHashMap<String, Compiled> COMPILED = new ConcurrentHashMap<>();

  /** Whether the path selects one value (no wildcard, slice, filter or deep scan). */
  public static boolean isDefinite(String path) {
    return compile(path).jayway().isDefinite();
  }

  /**
   * Reads {@code path} (which starts with {@code $}) from {@code document}. An indefinite path
   * returns an array of its matches; a definite path that matches nothing throws
   * {@link PathNotFoundException} with the path engine's message.
   */
  public static JsonNode read(JsonNode document, String path) {
    if ("$".equals(path)) {
      return document;
    }
    Compiled compiled = compile(path);
    if (compiled.simple() != null && document != null) {
      JsonNode found = compiled.simple().read(document);
      if (found != null) {
        return found;
      }
    }
    return readByEngine(compiled, document, path);
  }

  /** {@link #read} by the full path engine alone (no direct reading of simple paths). */
  static JsonNode readByEngine(JsonNode document, String path) {
    return "$".equals(path) ? document : readByEngine(compile(path), document, path);
  }

  private static JsonNode readByEngine(Compiled compiled, JsonNode document, String path) {
    try {
      Object result = compiled.jayway().read(document == null ? NullNode.getInstance() : document, CONFIG);
      return result instanceof JsonNode node ? node : Json.MAPPER.valueToTree(result);
    } catch (com.jayway.jsonpath.PathNotFoundException e) {
      if (!compiled.jayway().isDefinite()) {
        return Json.array();
      }
      throw new PathNotFoundException(path, e.getMessage());
    } catch (com.jayway.jsonpath.JsonPathException e) {
      throw new PathNotFoundException(path, e.getMessage());
    }
  }

  /**
   * Jackson's provider answers an index past the end of an array with null; AWS finds nothing there
   * (so {@code IsPresent} is false and a {@code .$} field fails), which is what this provider does.
   */
  private static final class StrictIndexProvider extends JacksonJsonNodeJsonProvider {
    StrictIndexProvider() {
      super(Json.MAPPER);
    }

    @Override
    public Object getArrayIndex(Object obj, int idx) {
      if (obj instanceof com.fasterxml.jackson.databind.node.ArrayNode array && (idx < 0 || idx >= array.size())) {
        throw new IndexOutOfBoundsException(idx);
      }
      return super.getArrayIndex(obj, idx);
    }

    /**
     * Matches are collected into an array; Jackson's provider converts each (unwrapped) match back
     * to a node through a full {@code valueToTree}, which is made direct here for the plain kinds.
     */
    @Override
    public void setArrayIndex(Object array, int index, Object newValue) {
      JsonNode node = toNode(newValue);
      if (node == null || !(array instanceof com.fasterxml.jackson.databind.node.ArrayNode arr)) {
        super.setArrayIndex(array, index, newValue);
      } else if (index == arr.size()) {
        arr.add(node);
      } else {
        arr.set(index, node);
      }
    }

    private static JsonNode toNode(Object value) {
      if (value instanceof JsonNode n) {
        return n;
      }
      if (value instanceof String s) {
        return Json.NODES.textNode(s);
      }
      if (value instanceof Integer i) {
        return Json.NODES.numberNode(i);
      }
      if (value instanceof Long l) {
        return Json.NODES.numberNode(l);
      }
      if (value instanceof Double d) {
        return Json.NODES.numberNode(d);
      }
      if (value instanceof Boolean b) {
        return Json.NODES.booleanNode(b);
      }
      return null;
    }
  }

  private static Compiled compile(String path) {
    Compiled c = COMPILED.get(path);
    if (c == null) {
      c = COMPILED.computeIfAbsent(path, p -> new Compiled(JsonPath.compile(literalBackslashes(p)), SimplePath.parse(p)));
    }
    return c;
  }

  /**
   * Inside a quoted member name ({@code ['a\"b']}) Step Functions reads a backslash literally unless
   * it escapes the quote that encloses the name; the path engine would drop it, so it is doubled.
   */
  static String literalBackslashes(String path) {
    if (path.indexOf('\\') < 0) {
      return path;
    }
    StringBuilder out = new StringBuilder(path.length() + 8);
    char quote = 0;
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (quote == 0) {
        if ((c == '\'' || c == '"') && i > 0 && path.charAt(i - 1) == '[') {
          quote = c;
        }
        out.append(c);
      } else if (c == '\\') {
        char next = i + 1 < path.length() ? path.charAt(i + 1) : 0;
        if (next == quote || next == '\\') {
          out.append(c).append(next);
          i++;
        } else {
          out.append("\\\\");
        }
      } else {
        if (c == quote) {
          quote = 0;
        }
        out.append(c);
      }
    }
    return out.toString();
  }
}
