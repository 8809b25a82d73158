package dev.nestflow.core.choice;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nestflow.core.json.Json;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Builds a {@link ChoiceRule} from one JSONPath Choice rule object. A rule is either a boolean
 * combination ({@code And}, {@code Or}: non-empty arrays of rules; {@code Not}: one rule) or a
 * {@code Variable} path with exactly one operator. {@code Next}, {@code Comment}, {@code Assign}
 * and {@code Output} belong to the state model and are ignored here.
 *
 * <p>A malformed rule raises {@link IllegalArgumentException} with a message saying what is wrong;
 * reporting definition errors to users is the validator's job.
 */
public final class ChoiceRuleParser {
  private ChoiceRuleParser() {}

  private static final Set<String> IGNORED_FIELDS = Set.of("Next", "Comment", "Assign", "Output");
  private static final String VARIABLE = "Variable";
  private static final String AND = "And";
  private static final String OR = "Or";
  private static final String NOT = "Not";
  private static final String STRING_MATCHES = "StringMatches";
  private static final String IS_PRESENT = "IsPresent";

  public static ChoiceRule parse(JsonNode rule) {
    if (rule == null || !rule.isObject()) {
      throw new IllegalArgumentException(
          "A Choice rule must be a JSON object but was: " + (rule == null ? "nothing" : Json.write(rule)));
    }
    String variable = null;
    List<String> operators = new ArrayList<>();
    Iterator<String> names = rule.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (IGNORED_FIELDS.contains(name)) {
        continue;
      }
      if (name.equals(VARIABLE)) {
        variable = path(rule.get(name), VARIABLE);
      } else if (isOperator(name)) {
        operators.add(name);
      } else {
        throw new IllegalArgumentException(
            "Unknown field '" + name + "' in Choice rule " + Json.write(rule));
      }
    }
    if (operators.isEmpty()) {
      throw new IllegalArgumentException(
          "Choice rule has no comparison operator and no And/Or/Not: " + Json.write(rule));
    }
    if (operators.size() > 1) {
      throw new IllegalArgumentException(
          "Choice rule must have exactly one operator but has " + String.join(", ", operators)
              + ": " + Json.write(rule));
    }
    String operator = operators.get(0);
    JsonNode value = rule.get(operator);
    return switch (operator) {
      case AND, OR, NOT -> {
        if (variable != null) {
          throw new IllegalArgumentException(
              "Choice rule with '" + operator + "' must not have a Variable: " + Json.write(rule));
        }
        yield combination(operator, value);
      }
      default -> {
        if (variable == null) {
          throw new IllegalArgumentException(
              "Choice rule with '" + operator + "' needs a Variable: " + Json.write(rule));
        }
        yield dataTest(variable, operator, value);
      }
    };
  }

  private static boolean isOperator(String name) {
    return name.equals(AND) || name.equals(OR) || name.equals(NOT)
        || name.equals(STRING_MATCHES) || name.equals(IS_PRESENT)
        || ComparisonOperator.fromFieldName(name).isPresent()
        || ValueTypeCheck.fromFieldName(name).isPresent();
  }

  private static ChoiceRule combination(String operator, JsonNode value) {
    if (operator.equals(NOT)) {
      if (!value.isObject()) {
        throw new IllegalArgumentException("'Not' needs one Choice rule object but was: " + Json.write(value));
      }
      return new ChoiceRule.Not(parse(value));
    }
    if (!value.isArray() || value.isEmpty()) {
      throw new IllegalArgumentException(
          "'" + operator + "' needs a non-empty array of Choice rules but was: " + Json.write(value));
    }
    List<ChoiceRule> rules = new ArrayList<>();
    for (JsonNode nested : value) {
      rules.add(parse(nested));
    }
    return operator.equals(AND) ? new ChoiceRule.And(rules) : new ChoiceRule.Or(rules);
  }

  private static ChoiceRule dataTest(String variable, String operator, JsonNode value) {
    if (operator.equals(IS_PRESENT)) {
      return new ChoiceRule.IsPresent(variable, bool(value, operator));
    }
    Optional<ValueTypeCheck> check = ValueTypeCheck.fromFieldName(operator);
    if (check.isPresent()) {
      return new ChoiceRule.TypeTest(variable, check.get(), bool(value, operator));
    }
    if (operator.equals(STRING_MATCHES)) {
      if (!value.isTextual()) {
        throw new IllegalArgumentException("'StringMatches' needs a string pattern but was: " + Json.write(value));
      }
      return new ChoiceRule.StringMatches(variable, WildcardPattern.compile(value.textValue()));
    }
    ComparisonOperator comparison = ComparisonOperator.fromFieldName(operator).orElseThrow();
    if (comparison.operandIsPath()) {
      return new ChoiceRule.Comparison(
          variable, comparison, new Operand.PathReference(path(value, operator)));
    }
    if (!comparison.type().isValidLiteral(value)) {
      throw new IllegalArgumentException(
          "'" + operator + "' needs " + comparison.type().describe() + " but was: " + Json.write(value));
    }
    return new ChoiceRule.Comparison(variable, comparison, new Operand.Literal(value));
  }

  private static boolean bool(JsonNode value, String operator) {
    if (!value.isBoolean()) {
      throw new IllegalArgumentException("'" + operator + "' needs true or false but was: " + Json.write(value));
    }
    return value.booleanValue();
  }

  private static String path(JsonNode value, String field) {
    if (!value.isTextual() || !value.textValue().startsWith("$")) {
      throw new IllegalArgumentException(
          "'" + field + "' needs a path starting with '$' but was: " + Json.write(value));
    }
    return value.textValue();
  }
}
