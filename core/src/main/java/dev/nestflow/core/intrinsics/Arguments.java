package dev.nestflow.core.intrinsics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.errors.ErrorNames;
import dev.nestflow.core.errors.StatesException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Optional;

/**
 * The evaluated arguments of one intrinsic call, with the type checks every function shares.
 * Positions are 0-based in code; messages count from 1 like a reader of the definition does.
 */
public final class Arguments {
  private final String function;
  private final List<JsonNode> values;
  private final List<Argument> sources;

  public Arguments(String function, List<JsonNode> values, List<Argument> sources) {
    this.function = function;
    this.values = List.copyOf(values);
    this.sources = List.copyOf(sources);
  }

  public String function() {
    return function;
  }

  public int size() {
    return values.size();
  }

  public JsonNode get(int index) {
    return values.get(index);
  }

  public List<JsonNode> all() {
    return values;
  }

  /** The text between the quotes when the argument was written as a string literal. */
  public Optional<String> rawLiteral(int index) {
    return sources.get(index) instanceof Argument.Text text ? Optional.of(text.raw()) : Optional.empty();
  }

  public String string(int index) {
    JsonNode value = get(index);
    if (!value.isTextual()) {
      throw wrongType(index, "a string");
    }
    return value.textValue();
  }

  public ArrayNode array(int index) {
    JsonNode value = get(index);
    if (!value.isArray()) {
      throw wrongType(index, "an array");
    }
    return (ArrayNode) value;
  }

  public ObjectNode object(int index) {
    JsonNode value = get(index);
    if (!value.isObject()) {
      throw wrongType(index, "a JSON object");
    }
    return (ObjectNode) value;
  }

  public boolean bool(int index) {
    JsonNode value = get(index);
    if (!value.isBoolean()) {
      throw wrongType(index, "a boolean");
    }
    return value.booleanValue();
  }

  /**
   * A number argument as an integer. Like AWS, a decimal is rounded to the nearest integer with
   * halves going up (1.5 to 2, -1.5 to -1).
   */
  public long integer(int index) {
    JsonNode value = get(index);
    if (!value.isNumber()) {
      throw wrongType(index, "an integer");
    }
    BigDecimal rounded =
        value.isIntegralNumber()
            ? new BigDecimal(value.bigIntegerValue())
            : value.decimalValue().add(HALF).setScale(0, RoundingMode.FLOOR);
    try {
      return rounded.longValueExact();
    } catch (ArithmeticException e) {
      throw failure(
          "The value " + value + " of argument " + (index + 1) + " is out of the supported integer range.");
    }
  }

  /** A {@code States.IntrinsicFailure} for this function. */
  public StatesException failure(String detail) {
    return new StatesException(ErrorNames.INTRINSIC_FAILURE, "Invalid arguments in " + function + ": " + detail);
  }

  private StatesException wrongType(int index, String expected) {
    return failure(
        "argument "
            + (index + 1)
            + " must be "
            + expected
            + ", but was "
            + JsonTypes.describe(get(index))
            + ".");
  }

  private static final BigDecimal HALF = new BigDecimal("0.5");
}
