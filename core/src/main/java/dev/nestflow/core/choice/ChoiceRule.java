package dev.nestflow.core.choice;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nestflow.core.errors.StatesException;
import dev.nestflow.core.paths.PathResolver;
import java.util.List;
import java.util.Objects;

/**
 * One JSONPath Choice rule (a top-level rule of a Choice state or one nested in And/Or/Not), built
 * by {@link ChoiceRuleParser}.
 *
 * <p>{@link #test} returns whether the rule matches. A value of the wrong type for the operator
 * (e.g. a string for {@code NumericEquals}, or a {@code ...Path} operand of the wrong type) makes the
 * rule false, not an error. A {@code Variable} or {@code ...Path} that does not resolve raises
 * {@code States.Runtime} (see {@link ConditionPaths}); only {@code IsPresent} turns that into a
 * result.
 */
public sealed interface ChoiceRule {

  boolean test(PathResolver paths);

  /** Matches when every nested rule matches; stops at the first that does not. */
  record And(List<ChoiceRule> rules) implements ChoiceRule {
    public And {
      rules = List.copyOf(rules);
    }

    @Override
    public boolean test(PathResolver paths) {
      for (ChoiceRule rule : rules) {
        if (!rule.test(paths)) {
          return false;
        }
      }
      return true;
    }
  }

  /** Matches when some nested rule matches; stops at the first that does. */
  record Or(List<ChoiceRule> rules) implements ChoiceRule {
    public Or {
      rules = List.copyOf(rules);
    }

    @Override
    public boolean test(PathResolver paths) {
      for (ChoiceRule rule : rules) {
        if (rule.test(paths)) {
          return true;
        }
      }
      return false;
    }
  }

  /** Matches when the nested rule does not (errors of the nested rule still propagate). */
  record Not(ChoiceRule rule) implements ChoiceRule {
    public Not {
      Objects.requireNonNull(rule, "rule");
    }

    @Override
    public boolean test(PathResolver paths) {
      return !rule.test(paths);
    }
  }

  /**
   * A typed comparison such as {@code NumericLessThan} or {@code StringEqualsPath}: the value at
   * {@code variable} compared with the operand (a literal, or the value at a path).
   */
  record Comparison(String variable, ComparisonOperator operator, Operand operand)
      implements ChoiceRule {
    public Comparison {
      Objects.requireNonNull(variable, "variable");
      Objects.requireNonNull(operator, "operator");
      Objects.requireNonNull(operand, "operand");
    }

    @Override
    public boolean test(PathResolver paths) {
      JsonNode left = ConditionPaths.resolve(paths, variable);
      JsonNode right = operand.value(paths);
      return operator.holds(left, right);
    }
  }

  /** {@code StringMatches}: the variable is a string matching a {@code *} wildcard pattern. */
  record StringMatches(String variable, WildcardPattern pattern) implements ChoiceRule {
    public StringMatches {
      Objects.requireNonNull(variable, "variable");
      Objects.requireNonNull(pattern, "pattern");
    }

    @Override
    public boolean test(PathResolver paths) {
      JsonNode value = ConditionPaths.resolve(paths, variable);
      return value.isTextual() && pattern.matches(value.textValue());
    }
  }

  /**
   * {@code IsNull}, {@code IsNumeric}, {@code IsString}, {@code IsBoolean}, {@code IsTimestamp}:
   * matches when "the value has that type" equals {@code expected}. The path must exist.
   */
  record TypeTest(String variable, ValueTypeCheck check, boolean expected) implements ChoiceRule {
    public TypeTest {
      Objects.requireNonNull(variable, "variable");
      Objects.requireNonNull(check, "check");
    }

    @Override
    public boolean test(PathResolver paths) {
      JsonNode value = ConditionPaths.resolve(paths, variable);
      return check.appliesTo(value) == expected;
    }
  }

  /** {@code IsPresent}: matches when "the path resolves" equals {@code expected}; never an error. */
  record IsPresent(String variable, boolean expected) implements ChoiceRule {
    public IsPresent {
      Objects.requireNonNull(variable, "variable");
    }

    @Override
    public boolean test(PathResolver paths) {
      boolean present;
      try {
        JsonNode value = paths.resolve(variable);
        present = value != null && !value.isMissingNode();
      } catch (StatesException notResolvable) {
        present = false;
      }
      return present == expected;
    }
  }
}
