package dev.nestflow.infrastructure.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.interpreter.Signal;
import dev.nestflow.core.interpreter.SignalCodec;
import dev.nestflow.core.json.Json;
import dev.nestflow.infrastructure.tasks.TaskOutcome;
import java.util.Optional;

/**
 * A message on the transitions queue: apply {@code signal} (or start, when null) to the execution.
 * {@code signalId} (the text of a {@link SignalId}) identifies the signal so a redelivered message is recognised; {@code dueMillis},
 * when set, is when a timer is due (a timer longer than one message's delay is re-sent until due).
 */
public record TransitionMessage(String executionArn, String signalId, Signal signal, Long dueMillis) {
  public static TransitionMessage start(String executionArn) {
    return new TransitionMessage(executionArn, SignalId.start().text(), null, null);
  }

  /** The message that tells the execution how its task went, if the outcome is known yet. */
  static Optional<TransitionMessage> answering(String executionArn, SignalId answer, String taskKey, TaskOutcome outcome) {
    if (outcome instanceof TaskOutcome.Succeeded s) {
      return Optional.of(new TransitionMessage(executionArn, answer.text(), new Signal.TaskSucceeded(taskKey, s.output()), null));
    } else if (outcome instanceof TaskOutcome.Failed f) {
      return Optional.of(new TransitionMessage(executionArn, answer.text(), new Signal.TaskFailed(taskKey, f.error(), f.cause()), null));
    } else if (outcome instanceof TaskOutcome.Pending p && p.response() != null) {
      return Optional.of(new TransitionMessage(executionArn, answer.submitted().text(), new Signal.TaskSubmitted(taskKey, p.response()), null));
    }
    return Optional.empty();
  }

  public boolean isStart() {
    return signal == null;
  }

  public String toJson() {
    ObjectNode n = Json.object();
    n.put("arn", executionArn);
    n.put("id", signalId);
    if (signal != null) {
      n.set("signal", SignalCodec.encode(signal));
    }
    if (dueMillis != null) {
      n.put("due", dueMillis);
    }
    return Json.write(n);
  }

  public static TransitionMessage fromJson(String text) {
    return fromJson(Json.parse(text));
  }

  static TransitionMessage fromJson(JsonNode n) {
    JsonNode signal = n.get("signal");
    JsonNode due = n.get("due");
    return new TransitionMessage(
        n.path("arn").asText(),
        n.path("id").asText(),
        signal == null ? null : SignalCodec.decode(signal),
        due == null ? null : due.asLong());
  }
}
