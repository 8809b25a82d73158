package dev.nestflow.core.items;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nestflow.core.errors.StatesException;
import java.util.Iterator;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads the fields of a resolved ItemReader, ItemBatcher or ResultWriter block, failing with the
 * block's error ({@code States.ItemReaderFailed} or {@code States.ResultWriterFailed}) and a cause
 * that names the field, so a block nestflow cannot run is never half-understood.
 */
final class BlockFields {
  private final String block;
  private final Function<String, StatesException> failure;

  BlockFields(String block, Function<String, StatesException> failure) {
    this.block = block;
    this.failure = failure;
  }

  StatesException fail(String cause) {
    return failure.apply(cause);
  }

  /** The node as an object, or the failure naming {@code where}. */
  JsonNode object(JsonNode node, String where) {
    if (node == null || !node.isObject()) {
      throw fail("The " + where + " must be a JSON object, got " + describe(node) + ".");
    }
    return node;
  }

  /** Fails on the first field of {@code node} that is not in {@code known}. */
  void onlyKnown(JsonNode node, String where, Set<String> known) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!known.contains(name)) {
        throw fail("The field '" + name + "' of " + where + " is not supported by nestflow"
            + " (supported: " + String.join(", ", known.stream().sorted().toList()) + ").");
      }
    }
  }

  /** A string field; null when absent. */
  String string(JsonNode parent, String field, String where) {
    JsonNode value = parent.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw fail("The field '" + field + "' of " + where + " must be a string, got " + describe(value) + ".");
    }
    return value.textValue();
  }

  /** A required string field. */
  String requiredString(JsonNode parent, String field, String where) {
    String value = string(parent, field, where);
    if (value == null) {
      throw fail("The field '" + field + "' of " + where + " is required.");
    }
    return value;
  }

  /** A non-negative integer field within {@code max}; {@code absent} when missing. */
  long integer(JsonNode parent, String field, String where, long max, long absent) {
    JsonNode value = parent.get(field);
    if (value == null || value.isNull()) {
      return absent;
    }
    if (!value.isIntegralNumber() && !(value.isNumber() && value.asDouble() == Math.rint(value.asDouble()))) {
      throw fail("The field '" + field + "' of " + where + " must be an integer, got " + describe(value) + ".");
    }
    long n = value.asLong();
    if (n < 0 || n > max) {
      throw fail("The field '" + field + "' of " + where + " must be between 0 and " + max + ", got " + n + ".");
    }
    return n;
  }

  /** An enum field by its AWS spelling; {@code absent} when missing. */
  <E extends Enum<E>> E choice(JsonNode parent, String field, String where, Class<E> type, E absent) {
    String text = string(parent, field, where);
    if (text == null) {
      return absent;
    }
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equals(text)) {
        return constant;
      }
    }
    throw fail("The field '" + field + "' of " + where + " has the unsupported value '" + text + "'.");
  }

  String block() {
    return block;
  }

  static String describe(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "nothing";
    }
    return switch (node.getNodeType()) {
      case OBJECT -> "an object";
      case ARRAY -> "an array";
      case STRING -> "the string \"" + node.textValue() + "\"";
      case NUMBER -> "the number " + node.asText();
      case BOOLEAN -> "the boolean " + node.asText();
      case NULL -> "null";
      default -> node.getNodeType().toString().toLowerCase();
    };
  }
}
