package dev.nestflow.infrastructure.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.interpreter.Signal;
import dev.nestflow.core.interpreter.SignalCodec;
import dev.nestflow.core.json.Json;
import dev.nestflow.infrastructure.store.ExecutionRecord;
import dev.nestflow.infrastructure.tasks.TaskOutcome;
import java.util.Optional;

/**
 * A message on the transitions queue: apply {@code signal} (or start, when null) to the execution.
 * {@code signalId} (the text of a {@link SignalId}) identifies the signal so a redelivered message is recognised; {@code dueMillis},
 * when set, is when a timer is due (a timer longer than one message's delay is re-sent until due).
 *
 * @param created on a start message sent by the call that created the execution (and only then):
 *     the execution's record, so that its first step reads nothing (see {@link #start(ExecutionRecord)});
 *     null otherwise
 */
public record TransitionMessage(String executionArn, String signalId, Signal signal, Long dueMillis, ExecutionRecord created) {
  /**
   * The most characters of definition and input a start message carries (with the record): a larger
   * execution's first step reads its head instead. Well under the 256 KiB an SQS queue takes by
   * default, however the deployed queue is configured.
   */
  static final int CREATED_MAX_CHARS = 64 * 1024;

  public TransitionMessage(String executionArn, String signalId, Signal signal, Long dueMillis) {
    this(executionArn, signalId, signal, dueMillis, null);
  }

  /** The start of an execution that exists: its first step reads the execution from the store. */
  public static TransitionMessage start(String executionArn) {
    return new TransitionMessage(executionArn, SignalId.start().text(), null, null);
  }

  /**
   * The start of the execution this very call created: the message carries its record (when its
   * definition and input are small, see {@link #CREATED_MAX_CHARS}), which is all its first step needs
   * (the log holds nothing but the start yet). Only the creator may send it, once: a start sent
   * again for an execution that exists (an idempotent StartExecution, a nested start re-performed)
   * is {@link #start(String)}.
   */
  public static TransitionMessage start(ExecutionRecord created) {
    boolean small = created.definition() != null
        && created.definition().length() + created.inputText().length() <= CREATED_MAX_CHARS;
    return new TransitionMessage(created.executionArn(), SignalId.start().text(), null, null, small ? created : null);
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
    if (created != null) {
      n.set("created", encode(created));
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
        due == null ? null : due.asLong(),
        n.hasNonNull("created") ? decode(n.path("arn").asText(), n.get("created")) : null);
  }

  /** A new execution's record as its start message carries it (RUNNING, version 0: nothing else to say). */
  private static ObjectNode encode(ExecutionRecord r) {
    ObjectNode n = Json.object();
    n.put("stateMachineArn", r.stateMachineArn());
    n.put("name", r.name());
    n.put("type", r.type());
    n.put("definition", r.definition());
    n.put("input", r.inputText());
    n.put("roleArn", r.roleArn());
    n.put("startMillis", r.startMillis());
    n.put("seed", r.seed());
    if (r.parentArn() != null) {
      n.put("parentArn", r.parentArn());
      n.put("parentTaskKey", r.parentTaskKey());
      n.put("parentPattern", r.parentPattern());
    }
    if (r.keyId() != null) {
      n.put("keyId", r.keyId());
    }
    return n;
  }

  private static ExecutionRecord decode(String executionArn, JsonNode n) {
    return new ExecutionRecord(executionArn, text(n, "stateMachineArn"), text(n, "name"), text(n, "type"),
        text(n, "definition"), text(n, "input"), text(n, "roleArn"), n.path("startMillis").asLong(),
        n.path("seed").asLong(), 0, "RUNNING", null, null, null, null, text(n, "parentArn"), text(n, "parentTaskKey"),
        text(n, "parentPattern"), 0, null, text(n, "keyId"));
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
