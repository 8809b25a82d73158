package dev.nestflow.functions.telemetry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.json.Json;
import dev.nestflow.infrastructure.store.ExecutionRecord;
import dev.nestflow.infrastructure.telemetry.StepListener;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The state-advance function's structured log and metrics, as plain JSON lines on standard output
 * (CloudWatch Logs keeps them; no logging framework, nothing to load on a cold start):
 *
 * <ul>
 *   <li>one {@code "kind":"step"} record per step, with the execution and state machine ARNs, the
 *       signal id, the step's last state and event type, every event type it added and its duration,
 *       written when the state machine's {@code loggingConfiguration.level} admits the step's
 *       severity ({@link LogLevel}); the events' input, output and parameters only with
 *       {@code includeExecutionData};
 *   <li>one EMF metrics record per step (always): Steps and StepTime, and the AWS/States metrics the
 *       step's events imply (ExecutionsSucceeded/Failed/Aborted/TimedOut, ExecutionTime,
 *       LambdaFunctionsScheduled/Started/Succeeded/Failed/TimedOut, ServiceIntegrations...,
 *       ActivitiesScheduled/...), by StateMachineArn;
 *   <li>AppendsRefused and Replays records when a step lost the race for the log or rebuilt an
 *       execution from its whole log, and {@link #deadLettered} for a message on its last receive.
 * </ul>
 */
public final class StepLog implements StepListener {
  /** Event fields that carry execution data (left out without includeExecutionData). */
  private static final Set<String> DATA = Set.of("input", "output", "parameters", "result", "inputDetails", "outputDetails");

  private final Consumer<String> out;
  private final LoggingConfigs configs;
  private final String namespace;
  private final LongSupplier millis;

  public StepLog(Consumer<String> out, LoggingConfigs configs, String namespace, LongSupplier millis) {
    this.out = out;
    this.configs = configs;
    this.namespace = namespace == null || namespace.isBlank() ? Emf.DEFAULT_NAMESPACE : namespace;
    this.millis = millis;
  }

  @Override
  public void stepped(ExecutionRecord after, String signalId, List<ObjectNode> events, long nanos) {
    long now = millis.getAsLong();
    double ms = nanos / 1_000_000.0;
    String machine = after.stateMachineArn();
    Emf metrics = new Emf(namespace).dimension("StateMachineArn", machine).count("Steps", 1).milliseconds("StepTime", ms);
    String severity = "INFO";
    String state = null;
    String lastType = null;
    for (ObjectNode e : events) {
      String type = e.path("type").asText();
      lastType = type;
      String name = stateName(e);
      if (name != null) {
        state = name;
      }
      String s = LogLevel.severity(type);
      if (rank(s) > rank(severity)) {
        severity = s;
      }
      count(metrics, type, e);
    }
    if (!after.running() && after.stopMillis() != null && events.stream().anyMatch(e -> e.path("type").asText().startsWith("Execution")
        && !e.path("type").asText().equals("ExecutionStarted"))) {
      metrics.milliseconds("ExecutionTime", after.stopMillis() - after.startMillis());
    }
    out.accept(metrics.line(now));
    LoggingConfigs.Config config = configs.of(machine);
    if (!config.level().admits(severity)) {
      return;
    }
    ObjectNode line = Json.object();
    line.put("time", Instant.ofEpochMilli(now).toString());
    line.put("level", severity);
    line.put("kind", "step");
    line.put("execution_arn", after.executionArn());
    line.put("state_machine_arn", machine);
    line.put("signal_id", signalId);
    line.put("state", state);
    line.put("event_type", lastType);
    line.put("status", after.status());
    line.put("duration_ms", Math.round(ms * 1000) / 1000.0);
    ArrayNode list = line.putArray("events");
    for (ObjectNode e : events) {
      if (config.level() == LogLevel.ALL || !LogLevel.severity(e.path("type").asText()).equals("INFO")) {
        list.add(event(e, config.includeExecutionData()));
      }
    }
    out.accept(Json.write(line));
  }

  @Override
  public void appendRefused(String executionArn, String signalId) {
    out.accept(new Emf(namespace).dimension("StateMachineArn", Arns.stateMachineOf(executionArn))
        .count("AppendsRefused", 1).line(millis.getAsLong()));
  }

  @Override
  public void replayed(String executionArn, int entries) {
    out.accept(new Emf(namespace).dimension("StateMachineArn", Arns.stateMachineOf(executionArn))
        .count("Replays", 1).count("ReplayedSignals", entries).line(millis.getAsLong()));
  }

  /** A message failed on the receive after which SQS moves it to the dead-letter queue. */
  public void deadLettered(String messageId, String body, String reason) {
    String execution = null;
    try {
      execution = Json.parse(body).path("executionArn").asText(null);
    } catch (RuntimeException notJson) {
      // a message nobody can read: still counted and logged
    }
    long now = millis.getAsLong();
    out.accept(new Emf(namespace).count("DeadLettered", 1).line(now));
    ObjectNode line = Json.object();
    line.put("time", Instant.ofEpochMilli(now).toString());
    line.put("level", "ERROR");
    line.put("kind", "dead-letter");
    line.put("message_id", messageId);
    line.put("execution_arn", execution);
    line.put("reason", reason);
    out.accept(Json.write(line));
  }

  private static void count(Emf metrics, String type, ObjectNode e) {
    switch (type) {
      case "ExecutionSucceeded" -> metrics.count("ExecutionsSucceeded", 1);
      case "ExecutionFailed" -> metrics.count("ExecutionsFailed", 1);
      case "ExecutionAborted" -> metrics.count("ExecutionsAborted", 1);
      case "ExecutionTimedOut" -> metrics.count("ExecutionsTimedOut", 1);
      default -> {
        String outcome = outcome(type);
        if (outcome == null) {
          return;
        }
        String family;
        if (type.startsWith("LambdaFunction")) {
          family = "LambdaFunctions";
        } else if (type.startsWith("Activity")) {
          family = "Activities";
        } else if (type.startsWith("Task")) {
          JsonNode details = details(e);
          family = "lambda".equals(details.path("resourceType").asText()) ? "LambdaFunctions" : "ServiceIntegrations";
        } else {
          return;
        }
        metrics.count(family + outcome, 1);
      }
    }
  }

  /** Scheduled, Started, Succeeded, Failed or TimedOut for a task-like event type; null otherwise. */
  private static String outcome(String type) {
    for (String o : new String[] {"Scheduled", "Started", "Succeeded", "Failed", "TimedOut"}) {
      if (type.endsWith(o) && !type.endsWith("StartFailed") && !type.endsWith("ScheduleFailed")) {
        return o;
      }
    }
    return null;
  }

  private static int rank(String severity) {
    return switch (severity) {
      case "FATAL" -> 2;
      case "ERROR" -> 1;
      default -> 0;
    };
  }

  private static JsonNode details(ObjectNode event) {
    for (Iterator<Map.Entry<String, JsonNode>> it = event.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      if (f.getKey().endsWith("EventDetails")) {
        return f.getValue();
      }
    }
    return Json.object();
  }

  private static String stateName(ObjectNode event) {
    JsonNode entered = event.get("stateEnteredEventDetails");
    if (entered != null) {
      return entered.path("name").asText(null);
    }
    JsonNode exited = event.get("stateExitedEventDetails");
    return exited == null ? null : exited.path("name").asText(null);
  }

  /** An event as the record carries it: id, previous id, type, and its details (data fields only when included). */
  private static ObjectNode event(ObjectNode e, boolean includeData) {
    ObjectNode copy = Json.object();
    copy.put("id", e.path("id").asLong());
    copy.put("previous_event_id", e.path("previousEventId").asLong());
    copy.put("type", e.path("type").asText());
    for (Iterator<Map.Entry<String, JsonNode>> it = e.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      if (f.getKey().endsWith("EventDetails") && f.getValue().isObject()) {
        ObjectNode details = f.getValue().deepCopy();
        if (!includeData) {
          details.remove(DATA);
        }
        copy.set("details", details);
      }
    }
    return copy;
  }
}
