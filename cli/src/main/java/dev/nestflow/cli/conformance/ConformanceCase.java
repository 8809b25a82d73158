package dev.nestflow.cli.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nestflow.core.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One case of the conformance corpus, every field of the case format (see the corpus README).
 * Optional fields are null when absent; {@code actors} is null when absent and a JSON null node when
 * the case needs an actor that could not be written down.
 */
public record ConformanceCase(
    String id,
    String source,
    String recordedKey,
    boolean awsValidated,
    String recordedDate,
    Kind kind,
    String type,
    JsonNode definition,
    String definitionText,
    JsonNode input,
    String inputText,
    JsonNode recordedInput,
    JsonNode expected,
    List<JsonNode> history,
    JsonNode describeExecution,
    Map<String, JsonNode> children,
    Map<String, JsonNode> lambdas,
    JsonNode workers,
    List<JsonNode> resources,
    JsonNode actors,
    List<String> requires,
    List<String> tags,
    List<String> placeholders,
    List<String> notes) {

  /** What a case checks. */
  public enum Kind {
    EXECUTION("execution"),
    CREATE_REJECTED("create_rejected"),
    START_REJECTED("start_rejected"),
    VALIDATE_DEFINITION("validate_definition");

    private final String wireName;

    Kind(String wireName) {
      this.wireName = wireName;
    }

    public String wireName() {
      return wireName;
    }

    public static Kind of(String wireName) {
      for (Kind kind : values()) {
        if (kind.wireName.equals(wireName)) {
          return kind;
        }
      }
      throw new IllegalArgumentException("unknown case kind: " + wireName);
    }
  }

  /** The LocalStack test folder the case came from: the part of the id before the first '/'. */
  public String area() {
    int slash = id.indexOf('/');
    return slash < 0 ? "" : id.substring(0, slash);
  }

  public String expectedStatus() {
    return expected.path("status").asText();
  }

  public boolean hasHistory() {
    return history != null;
  }

  /** True when one of the notes contains the given text. */
  public boolean noteContains(String text) {
    return notes.stream().anyMatch(n -> n.contains(text));
  }

  public static ConformanceCase load(Path file) {
    try {
      return fromJson(Json.parse(Files.readString(file)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read case " + file, e);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("cannot load case " + file + ": " + e.getMessage(), e);
    }
  }

  public static ConformanceCase fromJson(JsonNode node) {
    return new ConformanceCase(
        requiredText(node, "id"),
        text(node, "source"),
        text(node, "recorded_key"),
        node.path("aws_validated").asBoolean(false),
        text(node, "recorded_date"),
        Kind.of(requiredText(node, "kind")),
        node.path("type").asText("STANDARD"),
        nullIfJsonNull(node.get("definition")),
        text(node, "definition_text"),
        node.has("input") ? node.get("input") : Json.NODES.nullNode(),
        text(node, "input_text"),
        node.get("recorded_input"),
        node.has("expected") ? node.get("expected") : Json.object(),
        node.has("history") && node.get("history").isArray() ? elements(node.get("history")) : null,
        node.get("describe_execution"),
        members(node.get("children")),
        members(node.get("lambdas")),
        node.get("workers"),
        node.has("resources") ? elements(node.get("resources")) : List.of(),
        node.get("actors"),
        strings(node.get("requires")),
        strings(node.get("tags")),
        strings(node.get("placeholders")),
        strings(node.get("notes")));
  }

  private static String requiredText(JsonNode node, String field) {
    String value = text(node, field);
    if (value == null) {
      throw new IllegalArgumentException("case has no \"" + field + "\"");
    }
    return value;
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  private static JsonNode nullIfJsonNull(JsonNode value) {
    return value == null || value.isNull() ? null : value;
  }

  private static List<JsonNode> elements(JsonNode array) {
    List<JsonNode> out = new ArrayList<>();
    array.forEach(out::add);
    return List.copyOf(out);
  }

  private static Map<String, JsonNode> members(JsonNode object) {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    if (object != null && object.isObject()) {
      object.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue()));
    }
    return java.util.Collections.unmodifiableMap(out);
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    if (array != null && array.isArray()) {
      array.forEach(e -> out.add(e.asText()));
    }
    return List.copyOf(out);
  }
}
