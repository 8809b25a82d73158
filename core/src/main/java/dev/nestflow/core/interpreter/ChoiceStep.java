package dev.nestflow.core.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nestflow.core.choice.ChoiceRule;
import dev.nestflow.core.choice.ChoiceRuleParser;
import dev.nestflow.core.errors.ErrorNames;
import dev.nestflow.core.errors.StatesException;
import dev.nestflow.core.jsonata.JsonataTemplates;
import dev.nestflow.core.states.ChoiceState;
import dev.nestflow.core.states.Field;
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
    InputOutput io = InputOutput.of(s);
    Evaluation ev = new Evaluation(ex, f, s);
    io.selectInput(ev);
    ChoiceState.Branch matched = null;
    for (ChoiceState.Branch branch : s.choices()) {
      if (matches(ev, branch)) {
        matched = branch;
        break;
      }
    }
    String next = matched != null ? matched.next() : s.defaultNext();
    if (next == null) {
      throw new StatesException(ErrorNames.NO_CHOICE_MATCHED, "No Matches!");
    }
    JsonNode assign = matched != null ? matched.assign() : s.common().assign();
    JsonNode output = matched != null ? matched.output() : s.common().output();
    io.exitWithInput(ev, next, assign, output);
  }

  /** A JSONata rule's Condition, or a JSONPath comparison rule over the effective input. */
  private static boolean matches(Evaluation ev, ChoiceState.Branch branch) {
    if (branch.condition() == null) {
      return RULES.computeIfAbsent(branch.rule(), ChoiceRuleParser::parse).test(ev.paths());
    }
    Field.Jsonata condition = branch.condition();
    JsonNode value = ev.value(condition);
    if (!value.isBoolean()) {
      throw QueryEvaluationFailed.of(JsonataTemplates.unexpectedType(condition.expression(), "Condition", "boolean", value));
    }
    return value.booleanValue();
  }
}
