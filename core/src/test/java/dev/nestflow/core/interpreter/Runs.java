package dev.nestflow.core.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.errors.StatesException;
import dev.nestflow.core.json.Json;
import dev.nestflow.core.states.StateMachineParser;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;

/** Runs a definition to its end on the virtual clock, for interpreter tests. */
final class Runs {
  private Runs() {}

  static ExecutionResult run(String definition, String input, TaskHandler tasks) {
    ExecutionIdentity id =
        new ExecutionIdentity(
            "arn:aws:states:us-east-1:111122223333:execution:M:e",
            "e",
            "arn:aws:states:us-east-1:111122223333:stateMachine:M",
            "M",
            "arn:aws:iam::111122223333:role/r",
            Instant.parse("2024-01-01T00:00:00Z"));
    return new VirtualTimeRunner(tasks)
        .run(StateMachineParser.parse(Json.parse(definition)), id, Json.parse(input), input, Environment.of(new Random(1)));
  }

  static ExecutionResult run(String definition, String input) {
    return run(definition, input, task -> {
      throw new StatesException("Unexpected", "no task expected");
    });
  }

  /** The events of {@code type}, in order. */
  static List<ObjectNode> events(ExecutionResult r, String type) {
    return r.history().stream().filter(e -> e.path("type").asText().equals(type)).collect(Collectors.toList());
  }

  static JsonNode json(String text) {
    return Json.parse(text);
  }
}
