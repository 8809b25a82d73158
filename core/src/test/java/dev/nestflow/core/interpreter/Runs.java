package dev.nestflow.core.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.errors.StatesException;
import dev.nestflow.core.json.Json;
import dev.nestflow.core.states.StateMachineParser;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Test fixture: runs a definition through {@link VirtualTimeRunner} on a seeded random source and
 * reads the resulting history.
 */
final class Runs {
  private Runs() {}

  static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  static final String SM_ARN = "arn:aws:states:us-east-1:111111111111:stateMachine:Machine";
  static final String EXEC_ARN = "arn:aws:states:us-east-1:111111111111:execution:Machine:run-1";
  static final String LAMBDA_ARN = "arn:aws:lambda:us-east-1:111111111111:function:fn";
  static final String LAMBDA_INVOKE = "arn:aws:states:::lambda:invoke";

  static ExecutionIdentity identity() {
    return new ExecutionIdentity(EXEC_ARN, "run-1", SM_ARN, "Machine", "arn:aws:iam::111111111111:role/r", START);
  }

  /** A task handler for machines that have no Task state. */
  static final TaskHandler NO_TASKS = task -> {
    throw new AssertionError("unexpected task " + task.resource());
  };

  static ExecutionResult run(String definition, String input) {
    return run(definition, input, NO_TASKS);
  }

  static ExecutionResult run(String definition, String input, TaskHandler handler) {
    return new VirtualTimeRunner(handler)
        .run(StateMachineParser.parse(Json.parse(definition)), identity(), Json.parse(input), null, Environment.of(new Random(1)));
  }

  /** A single-state machine {@code S} whose state is given as JSON; the state must end itself. */
  static String single(String stateJson) {
    return "{\"StartAt\": \"S\", \"States\": {\"S\": " + stateJson + "}}";
  }

  /** Records every task invocation and answers with the next scripted outcome. */
  static final class ScriptedTasks implements TaskHandler {
    final List<Effect.InvokeTask> calls = new ArrayList<>();
    private final List<Object> outcomes;

    /** Outcomes are JSON texts (success) or {@link StatesException}s (failure); the last repeats. */
    ScriptedTasks(Object... outcomes) {
      this.outcomes = List.of(outcomes);
    }

    @Override
    public JsonNode handle(Effect.InvokeTask task) {
      calls.add(task);
      Object outcome = outcomes.get(Math.min(calls.size() - 1, outcomes.size() - 1));
      if (outcome instanceof StatesException e) {
        throw new StatesException(e.error(), e.cause());
      }
      return Json.parse((String) outcome);
    }
  }

  static StatesException failure(String error, String cause) {
    return new StatesException(error, cause);
  }

  static List<String> types(ExecutionResult r) {
    return r.history().stream().map(e -> e.get("type").asText()).toList();
  }

  static List<ObjectNode> events(ExecutionResult r, String type) {
    return r.history().stream().filter(e -> e.get("type").asText().equals(type)).toList();
  }

  static ObjectNode event(ExecutionResult r, String type) {
    List<ObjectNode> found = events(r, type);
    if (found.size() != 1) {
      throw new AssertionError("expected one " + type + " event but found " + found.size() + " in " + types(r));
    }
    return found.get(0);
  }

  static ObjectNode last(ExecutionResult r) {
    return r.history().get(r.history().size() - 1);
  }

  static Instant at(ObjectNode event) {
    long millis = event.get("timestamp").decimalValue().movePointRight(3).longValueExact();
    return Instant.ofEpochMilli(millis);
  }

  /** Time of an event since the execution started. */
  static Duration elapsed(ObjectNode event) {
    return Duration.between(START, at(event));
  }

  /** The JSON payload a details field carries as text (e.g. {@code stateExitedEventDetails.output}). */
  static JsonNode payload(ObjectNode event, String detailsKey, String field) {
    return Json.parse(event.get(detailsKey).get(field).asText());
  }

  /** The output of the one StateExited event of the state {@code name}. */
  static JsonNode exitedOutput(ExecutionResult r, String name) {
    ObjectNode found = null;
    for (ObjectNode e : r.history()) {
      if (e.get("type").asText().endsWith("StateExited") && e.get("stateExitedEventDetails").get("name").asText().equals(name)) {
        found = e;
      }
    }
    if (found == null) {
      throw new AssertionError("state " + name + " never exited: " + types(r));
    }
    return payload(found, "stateExitedEventDetails", "output");
  }

  static String prefix(String state, int enteredId) {
    return "An error occurred while executing the state '" + state + "' (entered at the event id #" + enteredId + "). ";
  }

  static JsonNode json(String text) {
    return Json.parse(text);
  }
}
