package dev.nestflow.core.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.json.Json;
import dev.nestflow.core.states.State;
import dev.nestflow.core.states.TaskState;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Builds the context object ({@code $$}) a state sees. */
final class ContextObject {
  private ContextObject() {}

  /** ISO-8601 with milliseconds and Z, the format AWS uses for StartTime and EnteredTime. */
  static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  static ObjectNode build(Execution ex, Frame f, State s, String taskToken) {
    ExecutionIdentity id = ex.identity();
    ObjectNode ctx = Json.object();
    ObjectNode execution = ctx.putObject("Execution");
    execution.put("Id", id.executionArn());
    execution.set("Input", ex.input());
    execution.put("StartTime", format(id.startTime()));
    execution.put("Name", id.name());
    execution.put("RoleArn", id.roleArn());
    execution.put("RedriveCount", ex.redriveCount());
    if (ex.redriveTime() != null) {
      execution.put("RedriveTime", format(ex.redriveTime()));
    }
    ObjectNode machine = ctx.putObject("StateMachine");
    machine.put("Id", id.stateMachineArn());
    machine.put("Name", id.stateMachineName());
    ObjectNode state = ctx.putObject("State");
    state.put("Name", s.name());
    state.put("EnteredTime", format(f.enteredTime));
    if (s instanceof TaskState) {
      state.put("RetryCount", f.retryCount);
    }
    if (taskToken != null) {
      ctx.putObject("Task").put("Token", taskToken);
    }
    if (ex.contextOverride() != null) {
      ctx.setAll(ex.contextOverride());
    }
    return ctx;
  }

  /** The context of a Map iteration's ItemSelector: adds {@code Map.Item.Index} and {@code Value}. */
  static ObjectNode withMapItem(ObjectNode ctx, int index, JsonNode value) {
    ObjectNode copy = ctx.deepCopy();
    ObjectNode item = copy.putObject("Map").putObject("Item");
    item.put("Index", index);
    item.set("Value", value);
    return copy;
  }

  static String format(Instant t) {
    return TIME.format(t);
  }
}
