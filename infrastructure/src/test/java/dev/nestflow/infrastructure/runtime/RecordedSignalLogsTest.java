package dev.nestflow.infrastructure.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nestflow.core.interpreter.ExecutionResult;
import dev.nestflow.core.interpreter.SignalCodec;
import dev.nestflow.core.json.Json;
import dev.nestflow.infrastructure.embedded.VirtualClock;
import dev.nestflow.infrastructure.queue.InMemoryQueue;
import dev.nestflow.infrastructure.queue.QueueMessage;
import dev.nestflow.infrastructure.store.ExecutionRecord;
import dev.nestflow.infrastructure.store.InMemoryExecutionStore;
import dev.nestflow.infrastructure.store.SignalEntry;
import dev.nestflow.infrastructure.store.StateMachineRecord;
import dev.nestflow.infrastructure.tasks.TaskInvoker;
import dev.nestflow.infrastructure.tasks.TaskOutcome;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Logs written by an earlier version of the runtime still replay and still drive their executions:
 * {@code runtime/signal-logs-recorded.json} holds the heads, signal logs and histories of executions
 * that used every kind of signal id (a task answered during its step and one answered later, a timer,
 * a callback's submission, heartbeat and token answer, an activity taken by a worker, a nested
 * execution's submission and completion, a stop), recorded before signal ids had a type of their own.
 * The ids in a log are how a redelivered message is recognised, so their text must never change
 * ({@link SignalId} writes and reads them).
 */
class RecordedSignalLogsTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final String WAITING = "arn:aws:states:us-east-1:123456789012:execution:Waiting:waiting";
  private static final String HELD = "arn:aws:states:us-east-1:123456789012:execution:Holder:held";

  private final JsonNode fixture = fixture();
  private final VirtualClock clock = new VirtualClock(T0);
  private final InMemoryExecutionStore store = new InMemoryExecutionStore();
  private final InMemoryQueue queue = new InMemoryQueue(clock);
  private final TaskTokens tokens = new TaskTokens(HexFormat.of().parseHex(fixture.path("tokenKey").asText()));
  private final ExecutionRuntime runtime = new ExecutionRuntime(store, queue, TaskInvoker.none(), clock, tokens);

  private static JsonNode fixture() {
    try (InputStream in = RecordedSignalLogsTest.class.getResourceAsStream("/runtime/signal-logs-recorded.json")) {
      return Json.MAPPER.readTree(in);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  RecordedSignalLogsTest() throws Exception {
    for (JsonNode m : fixture.path("stateMachines")) {
      store.putStateMachine(Json.MAPPER.treeToValue(m, StateMachineRecord.class));
    }
    for (JsonNode e : fixture.path("executions")) {
      ExecutionRecord head = Json.MAPPER.treeToValue(e.path("head"), ExecutionRecord.class);
      // written as the runtime writes them: the head at creation, the log, the head at the end
      assertThat(store.create(head.advanced(0, "RUNNING", null, null, null, null))).isTrue();
      for (SignalEntry entry : log(e)) {
        if (entry.seq() > 1) {
          assertThat(store.append(head.executionArn(), entry)).isTrue();
        }
      }
      if (!head.running()) {
        assertThat(store.end(head)).isTrue();
      }
    }
    clock.advanceTo(Instant.ofEpochMilli(fixture.path("executions").findValues("atMillis").stream()
        .mapToLong(JsonNode::asLong).max().orElseThrow()));
  }

  private static List<SignalEntry> log(JsonNode execution) {
    return java.util.stream.StreamSupport.stream(execution.path("log").spliterator(), false)
        .map(n -> Json.MAPPER.convertValue(n, SignalEntry.class))
        .toList();
  }

  private static String arn(JsonNode execution) {
    return execution.path("head").path("executionArn").asText();
  }

  /** Applies messages until none is due by {@code until}; returns the (execution, signal id) of each. */
  private List<String> drain(Instant until) {
    List<String> applied = new java.util.ArrayList<>();
    while (true) {
      List<QueueMessage> batch = queue.receive(10, Duration.ofSeconds(30));
      if (batch.isEmpty()) {
        Optional<Instant> next = queue.nextVisibleAt();
        if (next.isEmpty() || next.get().isAfter(until)) {
          return applied;
        }
        clock.advanceTo(next.get());
        continue;
      }
      for (QueueMessage m : batch) {
        TransitionMessage message = TransitionMessage.fromJson(m.body());
        applied.add(message.executionArn() + " " + message.signalId());
        if (runtime.stateAdvance().handle(m.body(), m.receiptHandle(), m.receiveCount())) {
          queue.delete(m.receiptHandle());
        }
      }
    }
  }

  @Test
  void everyRecordedIdReadsAsItsKindAndIsWrittenBackByteForByte() {
    Set<SignalId.Kind> kinds = EnumSet.noneOf(SignalId.Kind.class);
    for (JsonNode e : fixture.path("executions")) {
      for (SignalEntry entry : log(e)) {
        SignalId id = SignalId.parse(entry.signalId()).orElseThrow();
        assertThat(id.text()).isEqualTo(entry.signalId());
        kinds.add(id.kind());
      }
    }
    // a submission after the step needs an invoker that hands a task over and accepts it later; a
    // redrive is newer than the recording (its id is checked by SignalIdTest and RedriveRecoveryTest)
    assertThat(kinds).containsAll(EnumSet.complementOf(EnumSet.of(SignalId.Kind.LATE_SUBMITTED, SignalId.Kind.REDRIVE)));
  }

  @Test
  void recordedLogsReplayToTheRecordedStatusAndHistory() {
    assertThat(fixture.path("executions")).hasSize(5);
    for (JsonNode e : fixture.path("executions")) {
      ExecutionResult r = runtime.commands().describe(arn(e)).orElseThrow();
      assertThat(r.status()).as(arn(e)).isEqualTo(e.path("status").asText());
      assertThat(Json.parse(withoutKeyId(Json.write(Json.MAPPER.valueToTree(r.history())))))
          .as(arn(e)).isEqualTo(Json.parse(Json.write(e.path("history"))));
    }
  }

  /**
   * Task tokens are minted from the token key on replay, not read from the log, and since tokens
   * carry their key's id (which came after these logs were recorded) a replay shows that id and a dot
   * in front of the token recorded; everything else replays as recorded.
   */
  private String withoutKeyId(String historyText) {
    String minted = tokens.mint("any-execution", "any-task");
    int dot = minted.indexOf('.');
    return dot < 0 ? historyText : historyText.replace(minted.substring(0, dot + 1), "");
  }

  @Test
  void aRecordedSignalDeliveredAgainIsRecognisedAndChangesNothing() {
    Set<String> logged = new HashSet<>();
    for (JsonNode e : fixture.path("executions")) {
      log(e).forEach(entry -> logged.add(arn(e) + " " + entry.signalId()));
    }
    for (JsonNode e : fixture.path("executions")) {
      for (SignalEntry entry : log(e)) {
        if (entry.seq() == 1) {
          continue;
        }
        String message = new TransitionMessage(arn(e), entry.signalId(), SignalCodec.decode(Json.parse(entry.signalJson())), null).toJson();
        runtime.stateAdvance().handle(message);
        // what the steps from there on still had to do is done again, but nothing already logged
        // (a fired timer, an applied answer) is sent again, and nothing new is logged
        assertThat(drain(clock.instant().plus(Duration.ofDays(1)))).as(entry.signalId()).doesNotContainAnyElementsOf(logged);
        for (JsonNode any : fixture.path("executions")) {
          assertThat(store.signals(arn(any))).as(entry.signalId()).hasSize(any.path("log").size());
        }
      }
    }
  }

  @Test
  void aRecordedParentWaitingOnItsChildAcceptsTheChildsAnswerAfterItsRecordedSubmission() {
    runtime.commands().completeTask(HELD, "x#task1", new TaskOutcome.Succeeded(Json.parse("{\"held\":true}")));
    drain(clock.instant().plusSeconds(60));

    assertThat(store.execution(HELD).orElseThrow().status()).isEqualTo("SUCCEEDED");
    ExecutionRecord parent = store.execution(WAITING).orElseThrow();
    assertThat(parent.status()).isEqualTo("SUCCEEDED");
    assertThat(store.signals(WAITING)).extracting(SignalEntry::signalId)
        .containsExactly("start", "submitted:task:x#task1@1", "child:x#task1");
  }
}
