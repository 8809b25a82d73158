package dev.nestflow.core.validation;

import dev.nestflow.core.states.QueryLanguage;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/** The Choices of a Choice state: JSONPath comparison rules or JSONata Condition rules. */
final class ChoiceRules {
  private ChoiceRules() {}

  private enum Operand { STRING, NUMBER, BOOLEAN, TIMESTAMP, PATH, TEST }

  private static final Map<String, Operand> OPERATORS = operators();
  private static final Set<String> JSONATA_RULE_FIELDS =
      Set.of("Condition", "Next", "Comment", "Assign", "Output");
  private static final Set<String> COMBINATORS = Set.of("And", "Or", "Not");

  private static Map<String, Operand> operators() {
    var map = new java.util.HashMap<String, Operand>();
    for (String relation : new String[] {"Equals", "LessThan", "GreaterThan", "LessThanEquals", "GreaterThanEquals"}) {
      map.put("String" + relation, Operand.STRING);
      map.put("Numeric" + relation, Operand.NUMBER);
      map.put("Timestamp" + relation, Operand.TIMESTAMP);
      map.put("String" + relation + "Path", Operand.PATH);
      map.put("Numeric" + relation + "Path", Operand.PATH);
      map.put("Timestamp" + relation + "Path", Operand.PATH);
    }
    map.put("StringMatches", Operand.STRING);
    map.put("BooleanEquals", Operand.BOOLEAN);
    map.put("BooleanEqualsPath", Operand.PATH);
    for (String test : new String[] {"IsNull", "IsPresent", "IsNumeric", "IsString", "IsBoolean", "IsTimestamp"}) {
      map.put(test, Operand.TEST);
    }
    return Map.copyOf(map);
  }

  static void check(JsonNode choices, String location, QueryLanguage language, CheckContext context) {
    if (!choices.isArray() || choices.isEmpty()) {
      context.findings.schema("Field 'Choices' must be a non-empty array", location);
      return;
    }
    for (int i = 0; i < choices.size(); i++) {
      String at = Findings.at(location, String.valueOf(i));
      if (language == QueryLanguage.JSONATA) {
        jsonataRule(choices.get(i), at, context);
      } else {
        jsonPathRule(choices.get(i), at, true, context);
      }
    }
  }

  private static void jsonataRule(JsonNode rule, String location, CheckContext context) {
    Findings findings = context.findings;
    if (!rule.isObject()) {
      findings.schema("A choice rule must be an object", location);
      return;
    }
    ErrorHandlers.unsupported(rule, JSONATA_RULE_FIELDS, location, findings);
    requireNext(rule, location, findings);
    JsonNode condition = rule.get("Condition");
    if (condition == null) {
      findings.schema("These fields are required: [Condition]", location);
    } else if (!condition.isBoolean() && !Fields.isJsonataExpression(condition)) {
      findings.schema(
          "Field 'Condition' must be a boolean or a JSONata expression",
          Findings.at(location, "Condition"));
    }
    Fields.assign(rule.get("Assign"), Findings.at(location, "Assign"), QueryLanguage.JSONATA, context);
  }

  private static void jsonPathRule(JsonNode rule, String location, boolean topLevel, CheckContext context) {
    Findings findings = context.findings;
    if (!rule.isObject()) {
      findings.schema("A choice rule must be an object", location);
      return;
    }
    int conditions = 0;
    for (Iterator<Map.Entry<String, JsonNode>> it = rule.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      String field = entry.getKey();
      JsonNode value = entry.getValue();
      String at = Findings.at(location, field);
      if (OPERATORS.containsKey(field)) {
        conditions++;
        operand(field, OPERATORS.get(field), value, at, findings);
      } else if (COMBINATORS.contains(field)) {
        conditions++;
        combinator(field, value, at, context);
      } else if (field.equals("Condition") || field.equals("Output")) {
        findings.schema(ErrorHandlers.languageMismatch(QueryLanguage.JSONPATH, field), location);
      } else if (field.equals("Next") || field.equals("Assign")) {
        if (!topLevel) {
          findings.schema("Field '" + field + "' is not supported", location);
        }
      } else if (!field.equals("Variable") && !field.equals("Comment")) {
        findings.schema("Field '" + field + "' is not supported", location);
      }
    }
    if (conditions != 1) {
      findings.schema(
          conditions == 0
              ? "A choice rule must have a comparison operator, 'And', 'Or' or 'Not'"
              : "A choice rule must have only one comparison operator, 'And', 'Or' or 'Not'",
          location);
    }
    boolean comparison = rule.properties().stream().anyMatch(e -> OPERATORS.containsKey(e.getKey()));
    JsonNode variable = rule.get("Variable");
    if (comparison && variable == null) {
      findings.schema("These fields are required: [Variable]", location);
    } else if (variable != null && !(variable.isTextual() && PathSyntax.isPath(variable.asText()))) {
      findings.schema(
          "The value for the field 'Variable' must be a valid JSONPath",
          Findings.at(location, "Variable"));
    }
    if (topLevel) {
      requireNext(rule, location, findings);
      Fields.assign(rule.get("Assign"), Findings.at(location, "Assign"), QueryLanguage.JSONPATH, context);
    }
  }

  private static void combinator(String field, JsonNode value, String location, CheckContext context) {
    if (field.equals("Not")) {
      jsonPathRule(value, location, false, context);
      return;
    }
    if (!value.isArray() || value.isEmpty()) {
      context.findings.schema("Field '" + field + "' must be a non-empty array", location);
      return;
    }
    for (int i = 0; i < value.size(); i++) {
      jsonPathRule(value.get(i), Findings.at(location, String.valueOf(i)), false, context);
    }
  }

  private static void operand(String operator, Operand kind, JsonNode value, String location, Findings findings) {
    boolean ok =
        switch (kind) {
          case STRING -> value.isTextual();
          case NUMBER -> value.isNumber();
          case BOOLEAN, TEST -> value.isBoolean();
          case TIMESTAMP -> value.isTextual() && Rfc3339.isTimestamp(value.asText());
          case PATH -> value.isTextual() && PathSyntax.isPath(value.asText());
        };
    if (!ok) {
      String expected =
          switch (kind) {
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN, TEST -> "a boolean";
            case TIMESTAMP -> "an RFC3339 timestamp";
            case PATH -> "a valid JSONPath";
          };
      findings.schema("The value for the field '" + operator + "' must be " + expected, location);
    }
  }

  private static void requireNext(JsonNode rule, String location, Findings findings) {
    JsonNode next = rule.get("Next");
    if (next == null) {
      findings.schema("These fields are required: [Next]", location);
    } else if (!next.isTextual()) {
      findings.schema("Field 'Next' must be a string", Findings.at(location, "Next"));
    }
  }
}
