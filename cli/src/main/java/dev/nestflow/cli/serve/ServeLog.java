package dev.nestflow.cli.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.infrastructure.api.SfnApi;
import dev.nestflow.infrastructure.store.ExecutionRecord;
import dev.nestflow.infrastructure.telemetry.StepListener;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * What {@code serve} prints as it works, one line each: every API call (operation, status, error,
 * time, the execution or state machine it named) and every step of an execution (the states it
 * entered or left and its last event), then the execution's end.
 */
final class ServeLog implements StepListener, Consumer<SfnApi.Call> {
  private final Consumer<String> out;

  ServeLog(Consumer<String> out) {
    this.out = out;
  }

  @Override
  public void accept(SfnApi.Call call) {
    StringBuilder line = new StringBuilder("api ").append(call.operation() == null ? "?" : call.operation())
        .append(' ').append(call.status());
    if (call.errorType() != null) {
      line.append(' ').append(call.errorType());
    }
    line.append(String.format(Locale.ROOT, " %.1f ms", call.nanos() / 1e6));
    String named = named(call.response(), call.request());
    if (named != null) {
      line.append(' ').append(named);
    }
    out.accept(line.toString());
  }

  @Override
  public void stepped(ExecutionRecord after, String signalId, List<ObjectNode> events, long nanos) {
    StringBuilder states = new StringBuilder();
    String last = null;
    for (ObjectNode e : events) {
      String type = e.path("type").asText();
      last = type;
      JsonNode entered = e.get("stateEnteredEventDetails");
      if (entered != null) {
        states.append(states.isEmpty() ? "" : " → ").append(entered.path("name").asText());
      }
    }
    String who = shortName(after.executionArn());
    out.accept(String.format(Locale.ROOT, "step %s: %s%s (%d events, %.1f ms)", who,
        states.isEmpty() ? "" : states + "; ", last == null ? "nothing new" : last, events.size(), nanos / 1e6));
    if (!after.running() && events.stream().anyMatch(e -> e.path("type").asText().matches("Execution(Succeeded|Failed|Aborted|TimedOut)"))) {
      out.accept("execution " + who + " " + after.status()
          + (after.error() == null ? "" : " " + after.error())
          + (after.stopMillis() == null ? "" : String.format(Locale.ROOT, " after %.1f s", (after.stopMillis() - after.startMillis()) / 1000.0)));
    }
  }

  @Override
  public void appendRefused(String executionArn, String signalId) {
    out.accept("step " + shortName(executionArn) + ": another step was first; " + signalId + " retried");
  }

  private static String named(JsonNode response, JsonNode request) {
    for (JsonNode node : new JsonNode[] {response, request}) {
      if (node == null) {
        continue;
      }
      for (String f : new String[] {"executionArn", "stateMachineArn", "activityArn"}) {
        if (node.hasNonNull(f)) {
          return shortName(node.get(f).asText());
        }
      }
    }
    return null;
  }

  /** "order:o1" for an execution ARN, "stateMachine:order" for a state machine's. */
  static String shortName(String arn) {
    String[] p = arn.split(":", 6);
    return p.length == 6 ? p[5].replaceFirst("^execution:", "") : arn;
  }
}
