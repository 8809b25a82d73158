package dev.nestflow.core.choice;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A typed comparison operator such as {@code NumericGreaterThanEquals} or {@code StringEqualsPath}:
 * the type it compares, the relation, and whether its operand is a path.
 */
public record ComparisonOperator(ComparedType type, Relation relation, boolean operandIsPath) {

  private static final Map<String, ComparisonOperator> BY_FIELD_NAME = allOperators();

  public ComparisonOperator {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(relation, "relation");
    if (type == ComparedType.BOOLEAN && relation != Relation.EQUALS) {
      throw new IllegalArgumentException("Boolean comparisons only support Equals");
    }
  }

  /** The operator as it is written in a Choice rule, e.g. {@code TimestampLessThanPath}. */
  public String fieldName() {
    return type.prefix() + relation.suffix() + (operandIsPath ? "Path" : "");
  }

  /** The operator a Choice rule field names, if it is a typed comparison operator. */
  public static Optional<ComparisonOperator> fromFieldName(String fieldName) {
    return Optional.ofNullable(BY_FIELD_NAME.get(fieldName));
  }

  /** Every field name of a typed comparison operator (32 of them). */
  public static Map<String, ComparisonOperator> all() {
    return BY_FIELD_NAME;
  }

  /** Whether the relation holds between two values; false when either has the wrong type. */
  public boolean holds(JsonNode left, JsonNode right) {
    OptionalInt comparison = type.compare(left, right);
    return comparison.isPresent() && relation.holds(comparison.getAsInt());
  }

  private static Map<String, ComparisonOperator> allOperators() {
    Map<String, ComparisonOperator> operators = new LinkedHashMap<>();
    for (ComparedType type : ComparedType.values()) {
      for (Relation relation : Relation.values()) {
        if (type == ComparedType.BOOLEAN && relation != Relation.EQUALS) {
          continue;
        }
        for (boolean path : new boolean[] {false, true}) {
          ComparisonOperator operator = new ComparisonOperator(type, relation, path);
          operators.put(operator.fieldName(), operator);
        }
      }
    }
    return Collections.unmodifiableMap(operators);
  }
}
