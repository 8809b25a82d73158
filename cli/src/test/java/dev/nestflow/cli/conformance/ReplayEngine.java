package dev.nestflow.cli.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.interpreter.ExecutionResult;
import dev.nestflow.core.json.Json;
import dev.nestflow.core.validation.Diagnostic;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Test engine that answers every case with its own recording, turned back into what a real engine
 * would return: placeholders replaced by the real values the runner chose, JSON payloads in history
 * events written as JSON text. Running the corpus through it checks the runner's round trip.
 */
final class ReplayEngine implements ConformanceEngine {
  private final ConformanceCase c;
  private final PlaceholderMap map;

  /** Replays {@code c}; {@code now} must be the instant the runner's clock gives. */
  ReplayEngine(ConformanceCase c, Instant now) {
    this.c = c;
    this.map = PlaceholderMap.forCase(c, now);
  }

  @Override
  public Set<String> capabilities() {
    return CaseNeeds.of(c);
  }

  @Override
  public ExecutionResult execute(CaseExecution execution) {
    JsonNode expected = c.expected();
    List<ObjectNode> history = new ArrayList<>();
    if (c.history() != null) {
      for (JsonNode event : c.history()) {
        history.add((ObjectNode) asText(null, map.toReal(event)));
      }
    }
    if (c.noteContains("reverseOrder=true")) {
      java.util.Collections.reverse(history);
    }
    JsonNode cause = expected.get("cause");
    return new ExecutionResult(
        expected.path("status").asText(),
        expected.has("output") ? map.toReal(expected.get("output")) : null,
        text(map, expected.get("error")),
        cause == null || cause.isNull() ? null : cause.isTextual() ? map.toReal(cause.asText()) : Json.write(map.toReal(cause)),
        history);
  }

  private static String text(PlaceholderMap map, JsonNode node) {
    return node == null || node.isNull() ? null : map.toReal(node.asText());
  }

  /** Objects below a payload member become JSON text again, as GetExecutionHistory returns them. */
  private static JsonNode asText(String name, JsonNode value) {
    if (value.isObject() && name != null && !name.endsWith("Details")) {
      return Json.NODES.textNode(Json.write(value));
    }
    if (value.isObject()) {
      ObjectNode copy = Json.object();
      for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        copy.set(e.getKey(), asText(e.getKey(), e.getValue()));
      }
      return copy;
    }
    return value;
  }

  @Override
  public List<Diagnostic> validate(String definitionText, String type) {
    if (c.kind() != ConformanceCase.Kind.CREATE_REJECTED) {
      return List.of();
    }
    return List.of(Diagnostic.error("SCHEMA_VALIDATION_FAILED", map.toReal(c.expected().path("message").asText()), "/"));
  }

  @Override
  public String invalidDefinitionMessage(List<Diagnostic> diagnostics) {
    return diagnostics.get(0).message();
  }

  @Override
  public ValidateResult validateForApi(String definitionText, String type) {
    List<Diagnostic> diagnostics = new ArrayList<>();
    for (JsonNode d : c.expected().path("diagnostics")) {
      diagnostics.add(new Diagnostic(d.path("severity").asText(), d.path("code").asText(), d.path("message").asText(), d.path("location").asText(null)));
    }
    return new ValidateResult(c.expected().path("validate_result").asText(), diagnostics);
  }

  @Override
  public Optional<String> rejectInput(String inputText, String definitionText) {
    return c.kind() == ConformanceCase.Kind.START_REJECTED
        ? Optional.of(map.toReal(c.expected().path("message").asText()))
        : Optional.empty();
  }
}
