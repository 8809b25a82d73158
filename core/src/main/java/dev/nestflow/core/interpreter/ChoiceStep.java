package dev.nestflow.core.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nestflow.core.choice.ChoiceRule;
import dev.nestflow.core.choice.ChoiceRuleParser;
import dev.nestflow.core.errors.ErrorNames;
import dev.nestflow.core.errors.StatesException;
import dev.nestflow.core.jsonata.Jsonata;
import dev.nestflow.core.jsonata.JsonataTemplates;
import dev.nestflow.core.states.ChoiceState;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Choice: the Next of the first matching rule, else Default, else States.NoChoiceMatched. The
 * matching rule's Assign (and, in JSONata, Output) apply; with Default, the state's own.
 */
final class ChoiceStep {
  /** Rules are parsed once per definition node. */
  private static final Map<JsonNode, ChoiceRule> RULES = Collections.synchronizedMap(new IdentityHashMap<>());

  private final Execution ex;

  ChoiceStep(Execution ex) {
    this.ex = ex;
  }

  void run(Frame f, ChoiceState s) {
    if (s.common().jsonata()) {
      runJsonata(f, s);
      return;
    }
    Scope scope = StateRunners.scope(ex, f, s, f.stateInput, null);
    JsonNode effective = StateIo.inputPath(s.common().inputPath(), scope);
    Scope ruleScope = scope.withInput(effective);
    ChoiceState.Branch matched = null;
    for (ChoiceState.Branch branch : s.choices()) {
      ChoiceRule rule = RULES.computeIfAbsent(branch.rule(), ChoiceRuleParser::parse);
      if (rule.test(ruleScope)) {
        matched = branch;
        break;
      }
    }
    String next = next(s, matched);
    JsonNode assign = matched != null ? matched.assign() : s.common().assign();
    Map<String, JsonNode> assigned = Variables.evaluateJsonPath(assign, ruleScope, ex.env().random());
    ex.exitState(f, s, StateIo.outputPath(s.common().outputPath(), scope, effective), next, assigned);
  }

  private void runJsonata(Frame f, ChoiceState s) {
    JsonataScope js = JsonataScope.of(ex, f, s, f.stateInput, null);
    ChoiceState.Branch matched = null;
    for (ChoiceState.Branch branch : s.choices()) {
      if (condition(js, branch.condition())) {
        matched = branch;
        break;
      }
    }
    String next = next(s, matched);
    JsonNode assign = matched != null ? matched.assign() : s.common().assign();
    JsonNode output = matched != null ? matched.output() : s.common().output();
    Map<String, JsonNode> assigned = Variables.evaluateJsonata(assign, js);
    JsonNode out = output == null ? f.stateInput : js.evaluate(output, "Output");
    ex.exitState(f, s, out, next, assigned);
  }

  private static boolean condition(JsonataScope js, JsonNode condition) {
    JsonNode value = js.evaluate(condition, "Condition");
    if (!value.isBoolean()) {
      String expression = condition.isTextual() ? Jsonata.unwrap(condition.textValue()) : condition.toString();
      throw QueryEvaluationFailed.of(JsonataTemplates.unexpectedType(expression, "Condition", "boolean", value));
    }
    return value.booleanValue();
  }

  private static String next(ChoiceState s, ChoiceState.Branch matched) {
    String next = matched != null ? matched.next() : s.defaultNext();
    if (next == null) {
      throw new StatesException(ErrorNames.NO_CHOICE_MATCHED, "No Matches!");
    }
    return next;
  }
}
