package dev.nestflow.core.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The one place that turns JSON text into values and back.
 *
 * <p>Values are Jackson {@link JsonNode}s that the engine treats as immutable: code that needs a
 * changed value copies first ({@link JsonNode#deepCopy()}) and never mutates a node it was given.
 */
public final class Json {
  private Json() {}

  public static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** Strict JSON (what Step Functions accepts): no comments, no trailing content. */
  public static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
          .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          .build();

  /** Parses JSON text; throws {@link JsonSyntaxException} with Jackson's message (AWS quotes it verbatim). */
  public static JsonNode parse(String text) {
    try {
      JsonNode node = MAPPER.readTree(text);
      if (node == null || node.isMissingNode()) {
        throw new JsonSyntaxException("No content to map due to end-of-input");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new JsonSyntaxException(e.getOriginalMessage());
    }
  }

  /** Compact JSON text, as Step Functions writes payloads into history and into JSON strings. */
  public static String write(JsonNode node) {
    StringBuilder out = new StringBuilder(64);
    if (node != null && CompactWriter.write(node, out)) {
      return out.toString();
    }
    return jacksonWrite(node);
  }

  /**
   * A JSON value as text: a string's own characters (unquoted), anything else its compact JSON.
   * This is how AWS shows a value in an error message, and how a string parameter (a message body,
   * a Lambda payload, an input) takes a value that may or may not already be text.
   */
  public static String text(JsonNode value) {
    return value.isTextual() ? value.textValue() : write(value);
  }

  private static String jacksonWrite(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise JSON value", e);
    }
  }

  /** Size of the compact UTF-8 encoding, the measure AWS's 256 KiB payload limit uses. */
  public static int utf8Size(JsonNode node) {
    return utf8Length(write(node));
  }

  /** Size of a text in UTF-8, as {@code text.getBytes(UTF_8).length} counts it, without encoding it. */
  public static int utf8Length(String text) {
    return CompactWriter.utf8Length(text);
  }

  public static ObjectNode object() {
    return NODES.objectNode();
  }

  public static ArrayNode array() {
    return NODES.arrayNode();
  }

  /** Thrown for text that is not JSON; the message is Jackson's own, which is what AWS shows users. */
  public static final class JsonSyntaxException extends RuntimeException {
    public JsonSyntaxException(String message) {
      super(message);
    }
  }
}
