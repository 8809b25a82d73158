package dev.nestflow.core.choice;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The value type a comparison operator works on, named by the operator's prefix ({@code String},
 * {@code Numeric}, {@code Boolean}, {@code Timestamp}). Values of another type are not comparable:
 * the comparison is then false, never an error.
 */
public enum ComparedType {
  /** JSON strings, ordered by {@link String#compareTo} (UTF-16 code units). */
  STRING("String") {
    @Override
    OptionalInt compare(JsonNode left, JsonNode right) {
      if (!left.isTextual() || !right.isTextual()) {
        return OptionalInt.empty();
      }
      return OptionalInt.of(left.textValue().compareTo(right.textValue()));
    }
  },
  /** JSON numbers by value: {@code 1} equals {@code 1.0}. */
  NUMERIC("Numeric") {
    @Override
    OptionalInt compare(JsonNode left, JsonNode right) {
      if (!left.isNumber() || !right.isNumber()) {
        return OptionalInt.empty();
      }
      return OptionalInt.of(left.decimalValue().compareTo(right.decimalValue()));
    }
  },
  /** JSON booleans (only {@code BooleanEquals} exists). */
  BOOLEAN("Boolean") {
    @Override
    OptionalInt compare(JsonNode left, JsonNode right) {
      if (!left.isBoolean() || !right.isBoolean()) {
        return OptionalInt.empty();
      }
      return OptionalInt.of(Boolean.compare(left.booleanValue(), right.booleanValue()));
    }
  },
  /** Strings in the RFC 3339 form {@link Timestamps} accepts, compared as instants. */
  TIMESTAMP("Timestamp") {
    @Override
    OptionalInt compare(JsonNode left, JsonNode right) {
      Optional<Instant> l = Timestamps.parse(left);
      Optional<Instant> r = Timestamps.parse(right);
      if (l.isEmpty() || r.isEmpty()) {
        return OptionalInt.empty();
      }
      return OptionalInt.of(l.get().compareTo(r.get()));
    }
  };

  private final String prefix;

  ComparedType(String prefix) {
    this.prefix = prefix;
  }

  /** The operator-name prefix, e.g. {@code Numeric}. */
  public String prefix() {
    return prefix;
  }

  /** Ordering of two values of this type; empty when either is not a value of this type. */
  abstract OptionalInt compare(JsonNode left, JsonNode right);

  /** Whether a literal written in the definition is a valid operand for this type. */
  boolean isValidLiteral(JsonNode literal) {
    return compare(literal, literal).isPresent();
  }

  String describe() {
    return switch (this) {
      case STRING -> "a string";
      case NUMERIC -> "a number";
      case BOOLEAN -> "a boolean";
      case TIMESTAMP -> "an RFC 3339 timestamp string (e.g. 2016-03-14T01:59:00Z)";
    };
  }
}
