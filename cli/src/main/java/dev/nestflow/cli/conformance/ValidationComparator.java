package dev.nestflow.cli.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nestflow.core.validation.Diagnostic;
import java.util.List;

/**
 * Compares a ValidateStateMachineDefinition answer with a recording: the result (OK/FAIL) and, in
 * order, each diagnostic's code, severity and location (messages are free text and not compared).
 */
public final class ValidationComparator {
  private ValidationComparator() {}

  public static String difference(JsonNode expected, ValidateResult actual) {
    String expectedResult = expected.path("validate_result").asText();
    if (!expectedResult.equals(actual.result())) {
      return "validate result: expected " + expectedResult + ", got " + actual.result() + describe(actual.diagnostics());
    }
    JsonNode diagnostics = expected.path("diagnostics");
    if (diagnostics.size() != actual.diagnostics().size()) {
      return "diagnostics: expected " + diagnostics.size() + ", got " + actual.diagnostics().size() + describe(actual.diagnostics());
    }
    for (int i = 0; i < diagnostics.size(); i++) {
      JsonNode exp = diagnostics.get(i);
      Diagnostic act = actual.diagnostics().get(i);
      String diff =
          field("code", exp, act.code()) != null ? field("code", exp, act.code())
              : field("severity", exp, act.severity()) != null ? field("severity", exp, act.severity())
              : field("location", exp, act.location());
      if (diff != null) {
        return "diagnostic #" + i + " " + diff;
      }
    }
    return null;
  }

  private static String field(String name, JsonNode expected, String actual) {
    if (!expected.has(name)) {
      return null;
    }
    String exp = expected.get(name).asText();
    return exp.equals(actual) ? null : name + ": expected " + exp + ", got " + actual;
  }

  private static String describe(List<Diagnostic> diagnostics) {
    if (diagnostics.isEmpty()) {
      return "";
    }
    Diagnostic first = diagnostics.get(0);
    return " (first: " + first.code() + " " + first.message() + ")";
  }
}
