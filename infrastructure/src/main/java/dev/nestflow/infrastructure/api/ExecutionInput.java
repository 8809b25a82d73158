package dev.nestflow.infrastructure.api;

import dev.nestflow.core.json.Json;
import dev.nestflow.infrastructure.runtime.ApiException;
import java.nio.charset.StandardCharsets;

/** StartExecution's input rules: JSON text, at most 256 KiB of UTF-8; absent means {@code {}}. */
final class ExecutionInput {
  private ExecutionInput() {}

  static final int MAX = 262_144;

  static String check(String text) {
    if (text == null) {
      return "{}";
    }
    if (text.getBytes(StandardCharsets.UTF_8).length > MAX) {
      throw ApiErrors.validation("<input>", "input", "Member must have length less than or equal to " + MAX);
    }
    if (text.isEmpty()) {
      throw new ApiException("InvalidExecutionInput", "Invalid State Machine Execution Input: 'Invalid execution input.'");
    }
    try {
      Json.parse(text);
    } catch (Json.JsonSyntaxException e) {
      throw new ApiException("InvalidExecutionInput", "Invalid State Machine Execution Input: '" + e.getMessage() + "'");
    }
    return text;
  }
}
