package dev.nestflow.core.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nestflow.core.choice.ChoiceRule;
import dev.nestflow.core.choice.ChoiceRuleParser;
import dev.nestflow.core.errors.ErrorNames;
import dev.nestflow.core.errors.StatesException;
import dev.nestflow.core.states.ChoiceState;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;

/** Choice: the Next of the first matching rule, else Default, else States.NoChoiceMatched. */
final class ChoiceStep {
  /** Rules are parsed once per definition node. */
  private static final Map<JsonNode, ChoiceRule> RULES = Collections.synchronizedMap(new IdentityHashMap<>());

  private final Execution ex;

  ChoiceStep(Execution ex) {
    this.ex = ex;
  }

  void run(Frame f, ChoiceState s) {
    Scope scope = StateRunners.scope(ex, f, s, f.stateInput, null);
    JsonNode effective = StateIo.inputPath(s.common().inputPath(), scope);
    Scope ruleScope = scope.withInput(effective);
    String next = null;
    for (ChoiceState.Branch branch : s.choices()) {
      ChoiceRule rule = RULES.computeIfAbsent(branch.rule(), ChoiceRuleParser::parse);
      if (rule.test(ruleScope)) {
        next = branch.next();
        break;
      }
    }
    if (next == null) {
      next = s.defaultNext();
    }
    if (next == null) {
      throw new StatesException(ErrorNames.NO_CHOICE_MATCHED, "No Matches!");
    }
    ex.exitState(f, s, StateIo.outputPath(s.common().outputPath(), scope, effective), next);
  }
}
