package dev.nestflow.core.validation;

import dev.nestflow.core.states.QueryLanguage;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Set;

/** Retry and Catch arrays: field types and ranges, ErrorEquals rules, catcher targets. */
final class ErrorHandlers {
  private ErrorHandlers() {}

  static final String ALL = "States.ALL";

  private static final Set<String> RETRIER_FIELDS =
      Set.of("ErrorEquals", "IntervalSeconds", "MaxAttempts", "BackoffRate", "MaxDelaySeconds",
          "JitterStrategy", "Comment");
  private static final Set<String> CATCHER_FIELDS =
      Set.of("ErrorEquals", "Next", "ResultPath", "Output", "Assign", "Comment");

  static void retry(JsonNode retry, String location, CheckContext context) {
    Findings findings = context.findings;
    if (!retry.isArray()) {
      findings.schema("Field 'Retry' must be an array", location);
      return;
    }
    for (int i = 0; i < retry.size(); i++) {
      JsonNode retrier = retry.get(i);
      String at = Findings.at(location, String.valueOf(i));
      if (!retrier.isObject()) {
        findings.schema("A retrier must be an object", at);
        continue;
      }
      unsupported(retrier, RETRIER_FIELDS, at, findings);
      errorEquals(retrier, at, i == retry.size() - 1, findings);
      Fields.integer(retrier, "IntervalSeconds", 1, Fields.MAX_SECONDS, QueryLanguage.JSONPATH, at, findings);
      Fields.integer(retrier, "MaxAttempts", 0, Fields.MAX_SECONDS, QueryLanguage.JSONPATH, at, findings);
      Fields.integer(retrier, "MaxDelaySeconds", 1, 31_622_400, QueryLanguage.JSONPATH, at, findings);
      JsonNode backoff = retrier.get("BackoffRate");
      if (backoff != null && (!backoff.isNumber() || backoff.asDouble() < 1.0)) {
        findings.schema("Field 'BackoffRate' must be a number >= 1.0", Findings.at(at, "BackoffRate"));
      }
      JsonNode jitter = retrier.get("JitterStrategy");
      if (jitter != null && !(jitter.isTextual() && Set.of("FULL", "NONE").contains(jitter.asText()))) {
        findings.schema(
            "Field 'JitterStrategy' must be one of [FULL, NONE]", Findings.at(at, "JitterStrategy"));
      }
      Fields.string(retrier, "Comment", at, findings);
    }
  }

  static void catchers(JsonNode catchers, String location, QueryLanguage language, CheckContext context) {
    Findings findings = context.findings;
    if (!catchers.isArray()) {
      findings.schema("Field 'Catch' must be an array", location);
      return;
    }
    for (int i = 0; i < catchers.size(); i++) {
      JsonNode catcher = catchers.get(i);
      String at = Findings.at(location, String.valueOf(i));
      if (!catcher.isObject()) {
        findings.schema("A catcher must be an object", at);
        continue;
      }
      unsupported(catcher, CATCHER_FIELDS, at, findings);
      for (String field : new String[] {"ResultPath", "Output"}) {
        if (catcher.has(field) && StateFields.belongsToOtherLanguage(field, language)) {
          findings.schema(languageMismatch(language, field), at);
        }
      }
      errorEquals(catcher, at, i == catchers.size() - 1, findings);
      if (!catcher.has("Next")) {
        findings.schema("These fields are required: [Next]", at);
      } else if (!catcher.get("Next").isTextual()) {
        findings.schema("Field 'Next' must be a string", Findings.at(at, "Next"));
      }
      if (language == QueryLanguage.JSONPATH) {
        JsonNode resultPath = catcher.get("ResultPath");
        if (resultPath != null && !resultPath.isNull()
            && !(resultPath.isTextual() && PathSyntax.isReferencePath(resultPath.asText()))) {
          findings.schema(
              "The value for the field 'ResultPath' must be a valid JSONPath",
              Findings.at(at, "ResultPath"));
        }
      }
      Fields.assign(catcher.get("Assign"), Findings.at(at, "Assign"), language, context);
      Fields.string(catcher, "Comment", at, findings);
    }
  }

  static String languageMismatch(QueryLanguage language, String field) {
    return "The QueryLanguage is set to '" + language.spelling() + "', but field '" + field
        + "' is only supported for the '" + language.other().spelling() + "' QueryLanguage";
  }

  private static void errorEquals(JsonNode handler, String location, boolean last, Findings findings) {
    JsonNode names = handler.get("ErrorEquals");
    if (names == null) {
      findings.schema("These fields are required: [ErrorEquals]", location);
      return;
    }
    String at = Findings.at(location, "ErrorEquals");
    if (!names.isArray() || names.isEmpty()) {
      findings.schema("Field 'ErrorEquals' must be a non-empty array of strings", at);
      return;
    }
    boolean hasAll = false;
    for (JsonNode name : names) {
      if (!name.isTextual()) {
        findings.schema("Field 'ErrorEquals' must be a non-empty array of strings", at);
        return;
      }
      String error = name.asText();
      // any other name is accepted, States.-prefixed ones too (AWS's own samples use States.QuorumMet):
      // the reserved prefix binds the errors tasks report, not the names a definition matches on
      hasAll |= error.equals(ALL);
    }
    if (hasAll && names.size() > 1) {
      findings.schema("'States.ALL' must be the only element in 'ErrorEquals'", at);
    }
    if (hasAll && !last) {
      findings.schema("'States.ALL' must appear in the last retrier or catcher", at);
    }
  }

  static void unsupported(JsonNode node, Set<String> allowed, String location, Findings findings) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!allowed.contains(field)) {
        findings.schema("Field '" + field + "' is not supported", location);
      }
    }
  }
}
