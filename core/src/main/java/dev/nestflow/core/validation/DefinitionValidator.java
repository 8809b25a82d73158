package dev.nestflow.core.validation;

import dev.nestflow.core.states.QueryLanguage;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.nestflow.core.json.Json;
import java.util.List;

/**
 * Validates an ASL definition the way CreateStateMachine and ValidateStateMachineDefinition do,
 * on the raw JSON text, reporting every problem found (not only the first) with AWS's codes,
 * messages and locations. Never throws for bad input: malformed JSON is a diagnostic too.
 */
public final class DefinitionValidator {
  private DefinitionValidator() {}

  public static final String ERROR = "ERROR";
  public static final String WARNING = "WARNING";
  public static final String EXPRESS = "EXPRESS";
  public static final String STANDARD = "STANDARD";
  private static final int DEFAULT_MAX_RESULTS = 100;

  /** The intrinsic-call recogniser: the interpreter's own parser. */
  static final IntrinsicSyntax INTRINSICS = new IntrinsicSyntax();

  /** All diagnostics for {@code definitionText} as a state machine of {@code type} (STANDARD/EXPRESS). */
  public static List<Diagnostic> validate(String definitionText, String type) {
    JsonNode root;
    try {
      root = definitionText == null ? null : Json.MAPPER.readTree(definitionText);
    } catch (JsonProcessingException e) {
      String location = e.getLocation() == null ? null : e.getLocation().toString();
      return List.of(Diagnostic.error("INVALID_JSON_DESCRIPTION", e.getMessage(), location));
    }
    if (root == null || !root.isObject()) {
      return List.of(
          Diagnostic.error(Findings.SCHEMA, "Definition must be a valid JSON object", null));
    }
    QueryLanguage language = QueryLanguage.named(root.path("QueryLanguage").asText());
    CheckContext context =
        new CheckContext(
            EXPRESS.equals(type), language == null ? QueryLanguage.JSONPATH : language, INTRINSICS);
    new MachineChecker(context).checkTopLevel(root);
    return context.findings.toList();
  }

  /**
   * ValidateStateMachineDefinition: {@code severity} ERROR (default) keeps errors only, WARNING
   * keeps warnings too; at most {@code maxResults} diagnostics (default 100), {@code truncated}
   * when more were found. The result is FAIL when any error was found.
   */
  public static ValidationReport validateForApi(
      String definitionText, String type, String severity, Integer maxResults) {
    List<Diagnostic> all = validate(definitionText, type);
    boolean failed = all.stream().anyMatch(d -> ERROR.equals(d.severity()));
    boolean withWarnings = WARNING.equals(severity);
    List<Diagnostic> kept =
        all.stream().filter(d -> withWarnings || ERROR.equals(d.severity())).toList();
    int limit = maxResults == null || maxResults <= 0 ? DEFAULT_MAX_RESULTS : maxResults;
    boolean truncated = kept.size() > limit;
    return new ValidationReport(
        failed ? ValidationReport.FAIL : ValidationReport.OK,
        truncated ? kept.subList(0, limit) : kept,
        truncated);
  }
}
