package dev.nestflow.infrastructure.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nestflow.core.json.Json;
import java.nio.charset.StandardCharsets;

/** StartExecution's input rules: JSON text, at most 256 KiB. */
final class Inputs {
  private Inputs() {}

  static final int MAX_CHARS = 262_144;

  static JsonNode parse(String text) {
    if (text.isEmpty()) {
      throw new ApiException("InvalidExecutionInput", "Invalid State Machine Execution Input: 'Invalid execution input.'");
    }
    if (text.getBytes(StandardCharsets.UTF_8).length > MAX_CHARS) {
      throw new ApiException("ValidationException",
          "1 validation error detected: Value at 'input' failed to satisfy constraint: Member must have length less than or equal to "
              + MAX_CHARS);
    }
    try {
      return Json.parse(text);
    } catch (Json.JsonSyntaxException e) {
      throw new ApiException("InvalidExecutionInput", "Invalid State Machine Execution Input: '" + e.getMessage() + "'");
    }
  }
}
