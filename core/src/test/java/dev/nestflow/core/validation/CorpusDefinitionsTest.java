package dev.nestflow.core.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nestflow.core.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Runs the validator over every definition of the AWS-recorded corpus: definitions AWS ran must
 * give no error, definitions AWS rejected must give AWS's message, and ValidateStateMachineDefinition
 * cases must give AWS's result and diagnostics.
 */
class CorpusDefinitionsTest {
  private static final String ACTIVITY_ARN = "arn:aws:states:us-east-1:111111111111:activity:corpus";

  private static Path corpusDir() {
    String configured = System.getProperty("nestflow.conformance.dir");
    if (configured != null && !configured.isBlank() && !configured.contains("${")) {
      return Path.of(configured);
    }
    return Path.of("..", "..", "shared", "conformance");
  }

  private static List<JsonNode> cases() throws IOException {
    List<JsonNode> cases = new ArrayList<>();
    try (Stream<Path> files = Files.walk(corpusDir().resolve("cases"))) {
      for (Path file : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
        cases.add(Json.parse(Files.readString(file)));
      }
    }
    return cases;
  }

  /** The corpus writes placeholders where a test used resources it created. */
  private static String definitionText(JsonNode testCase, JsonNode definition) {
    String text = Json.write(definition);
    for (JsonNode resource : testCase.path("resources")) {
      if (resource.path("kind").asText().equals("activity_arn")) {
        text = text.replace('"' + resource.path("placeholder").asText() + '"', '"' + ACTIVITY_ARN + '"');
      }
    }
    return text;
  }

  private static boolean hasErrors(List<Diagnostic> diagnostics) {
    return diagnostics.stream().anyMatch(d -> d.severity().equals("ERROR"));
  }

  @Test
  void everyCorpusDefinitionGetsTheVerdictAwsGave() throws IOException {
    List<String> failures = new ArrayList<>();
    int executions = 0;
    int rejected = 0;
    int validations = 0;
    for (JsonNode testCase : cases()) {
      String id = testCase.path("id").asText();
      String type = testCase.path("type").asText("STANDARD");
      String kind = testCase.path("kind").asText();
      JsonNode expected = testCase.path("expected");
      switch (kind) {
        case "execution", "start_rejected" -> {
          executions++;
          List<Diagnostic> found = DefinitionValidator.validate(definitionText(testCase, testCase.get("definition")), type);
          if (hasErrors(found)) {
            failures.add(id + " (valid) -> " + found);
          }
          for (Map.Entry<String, JsonNode> child : testCase.path("children").properties()) {
            List<Diagnostic> childFound =
                DefinitionValidator.validate(definitionText(testCase, child.getValue()), "STANDARD");
            if (hasErrors(childFound)) {
              failures.add(id + " child " + child.getKey() + " (valid) -> " + childFound);
            }
          }
        }
        case "create_rejected" -> {
          rejected++;
          List<Diagnostic> found = DefinitionValidator.validate(definitionText(testCase, testCase.get("definition")), type);
          String message =
              InvalidDefinitionMessage.format(found).replace("arn:aws:", "arn:<partition>:");
          if (!message.equals(expected.path("message").asText())) {
            failures.add(id + " (rejected) -> " + message);
          }
        }
        case "validate_definition" -> {
          validations++;
          String text =
              testCase.hasNonNull("definition_text")
                  ? testCase.get("definition_text").asText()
                  : definitionText(testCase, testCase.get("definition"));
          ValidationReport report = DefinitionValidator.validateForApi(text, type, null, null);
          List<Diagnostic> wanted = new ArrayList<>();
          for (JsonNode d : expected.path("diagnostics")) {
            wanted.add(
                new Diagnostic(
                    d.path("severity").asText(),
                    d.path("code").asText(),
                    d.path("message").asText(),
                    d.hasNonNull("location") ? d.get("location").asText() : null));
          }
          if (!report.result().equals(expected.path("validate_result").asText())
              || !report.diagnostics().equals(wanted)) {
            failures.add(id + " (validate) -> " + report);
          }
        }
        default -> failures.add(id + ": unknown kind " + kind);
      }
    }
    System.out.printf(
        "corpus: %d valid definitions, %d create_rejected, %d validate_definition, %d failures%n",
        executions, rejected, validations, failures.size());
    assertThat(failures).isEmpty();
    assertThat(executions).isGreaterThan(1000);
    assertThat(rejected).isEqualTo(15);
    assertThat(validations).isEqualTo(12);
  }
}
