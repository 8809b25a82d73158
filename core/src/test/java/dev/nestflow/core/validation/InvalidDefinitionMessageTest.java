package dev.nestflow.core.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class InvalidDefinitionMessageTest {
  @Test
  void joinsEveryErrorWithCommaAndShowsNullForMissingLocation() {
    String message =
        InvalidDefinitionMessage.format(
            List.of(
                Diagnostic.error("SCHEMA_VALIDATION_FAILED", "These fields are required: [States]", "/"),
                new Diagnostic("WARNING", "NO_DOLLAR", "ignored", "/States/A"),
                Diagnostic.error("MISSING_END_STATE", "Workflow has no terminal state", null)));
    assertThat(message)
        .isEqualTo(
            "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: These fields are required: "
                + "[States] at /, MISSING_END_STATE: Workflow has no terminal state at null'");
  }
}
