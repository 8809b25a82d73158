package dev.nestflow.core.choice;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/** The type-test operators {@code IsNull}, {@code IsNumeric}, {@code IsString}, ... */
public enum ValueTypeCheck {
  IS_NULL("IsNull"),
  IS_NUMERIC("IsNumeric"),
  IS_STRING("IsString"),
  IS_BOOLEAN("IsBoolean"),
  IS_TIMESTAMP("IsTimestamp");

  private final String fieldName;

  ValueTypeCheck(String fieldName) {
    this.fieldName = fieldName;
  }

  /** The operator as it is written in a Choice rule. */
  public String fieldName() {
    return fieldName;
  }

  public static Optional<ValueTypeCheck> fromFieldName(String fieldName) {
    for (ValueTypeCheck check : values()) {
      if (check.fieldName.equals(fieldName)) {
        return Optional.of(check);
      }
    }
    return Optional.empty();
  }

  /** Whether the value is of the type this check tests for. */
  public boolean appliesTo(JsonNode value) {
    return switch (this) {
      case IS_NULL -> value.isNull();
      case IS_NUMERIC -> value.isNumber();
      case IS_STRING -> value.isTextual();
      case IS_BOOLEAN -> value.isBoolean();
      case IS_TIMESTAMP -> Timestamps.parse(value).isPresent();
    };
  }
}
