package dev.nestflow.infrastructure.runtime;

import dev.nestflow.core.interpreter.ExecutionResult;
import java.util.List;

final class Runs {
  private Runs() {}

  static List<String> types(ExecutionResult r) {
    return r.history().stream().map(e -> e.get("type").asText()).toList();
  }
}
