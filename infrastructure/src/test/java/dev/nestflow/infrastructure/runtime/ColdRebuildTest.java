package dev.nestflow.infrastructure.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nestflow.core.interpreter.ExecutionResult;
import dev.nestflow.core.json.Json;
import dev.nestflow.infrastructure.queue.InMemoryQueue;
import dev.nestflow.infrastructure.queue.QueueMessage;
import dev.nestflow.infrastructure.store.InMemoryExecutionStore;
import dev.nestflow.infrastructure.store.StateMachineRecord;
import dev.nestflow.infrastructure.tasks.TaskOutcome;
import dev.nestflow.infrastructure.telemetry.StepListener;
import dev.nestflow.infrastructure.embedded.VirtualClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A runtime that holds nothing of an execution (a new container) restores its latest snapshot and
 * replays only the log after it, and goes on exactly as the runtime that ran it so far would have.
 */
class ColdRebuildTest {
  private static final String ARN = "arn:aws:states:us-east-1:123456789012:stateMachine:";
  private static final String LOOP = """
      {"StartAt": "Count", "States": {
        "Count": {"Type": "Pass", "Parameters": {"i.$": "States.MathAdd($.i, 1)", "id.$": "States.UUID()"}, "Next": "Nap"},
        "Nap": {"Type": "Wait", "Seconds": 1, "Next": "More"},
        "More": {"Type": "Choice", "Choices": [{"Variable": "$.i", "NumericLessThan": 40, "Next": "Count"}],
                 "Default": "Done"},
        "Done": {"Type": "Pass", "End": true}}}""";
  private static final String MAP = """
      {"StartAt": "M", "States": {"M": {"Type": "Map", "MaxConcurrency": 3, "ItemProcessor": {
          "ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "W", "States": {
            "W": {"Type": "Wait", "SecondsPath": "$", "Next": "T"},
            "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                  "Parameters": {"FunctionName": "f", "Payload.$": "$"}, "ResultSelector": {"got.$": "$.Payload"},
                  "Retry": [{"ErrorEquals": ["States.ALL"], "JitterStrategy": "FULL", "IntervalSeconds": 2}],
                  "End": true}}},
        "End": true}}}""";

  /** One runtime over a store and queue that outlive it (a Lambda container). */
  private final class Container {
    final ExecutionRuntime runtime;
    final List<Integer> replayed = new ArrayList<>();

    Container() {
      runtime = new ExecutionRuntime(store, queue, request -> {
        // the first call for items 4 and 9 fails: they are retried (with jitter)
        String item = Json.write(request.input().get("Payload"));
        return (item.equals("4") || item.equals("9")) && failedOnce.add(item)
            ? new TaskOutcome.Failed("Flaky", "first call for " + item)
            : new TaskOutcome.Succeeded(Json.object().set("Payload", request.input().get("Payload")));
      }, clock, new TaskTokens("cold-rebuild-test-key-0123456789".getBytes(StandardCharsets.UTF_8)));
      runtime.stateAdvance().listen(new StepListener() {
        @Override
        public void replayed(String executionArn, int entries) {
          replayed.add(entries);
        }
      });
    }
  }

  private final VirtualClock clock = new VirtualClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final InMemoryExecutionStore store = new InMemoryExecutionStore();
  private final InMemoryQueue queue = new InMemoryQueue(clock);
  private final List<String> handled = new ArrayList<>();
  private final java.util.Set<String> failedOnce = new java.util.HashSet<>();

  private String machine(String name, String definition) {
    store.putStateMachine(new StateMachineRecord(ARN + name, name, "STANDARD", definition, "arn:aws:iam::1:role/r", 0));
    return ARN + name;
  }

  /** Applies up to {@code messages} messages with the container's runtime; false when the queue ran dry. */
  private boolean drive(Container c, int messages) {
    for (int n = 0; n < messages; ) {
      List<QueueMessage> batch = queue.receive(1, Duration.ofSeconds(30));
      if (batch.isEmpty()) {
        Optional<Instant> next = queue.nextVisibleAt();
        if (next.isEmpty()) {
          return false;
        }
        clock.advanceTo(next.get());
        continue;
      }
      QueueMessage m = batch.get(0);
      c.runtime.stateAdvance().handle(m.body());
      handled.add(m.body());
      queue.delete(m.receiptHandle());
      n++;
    }
    return true;
  }

  private ExecutionResult runInContainers(String machine, String input, int messagesPerContainer, List<Container> used) {
    Container first = new Container();
    used.add(first);
    String arn = first.runtime.commands().startExecution(machine, "run", input).executionArn();
    Container c = first;
    while (drive(c, messagesPerContainer)) {
      c = new Container();
      used.add(c);
    }
    return c.runtime.commands().describe(arn).orElseThrow();
  }

  @Test
  void aLoopRunByShortLivedContainersEndsAsInOneAndEachReplaysOnlyTheTail() {
    List<Container> cold = new ArrayList<>();
    ExecutionResult r = runInContainers(machine("Loop", LOOP), "{\"i\":0}", 3, cold);

    assertThat(r.status()).isEqualTo("SUCCEEDED");
    assertThat(r.output().get("i").asInt()).isEqualTo(40);
    assertThat(cold).hasSizeGreaterThan(10);
    List<Integer> replays = cold.stream().flatMap(c -> c.replayed.stream()).toList();
    assertThat(replays).isNotEmpty().allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(Replayer.SNAPSHOT_EVERY));
    assertThat(store.signals(arnOf(r)).size()).isGreaterThan(3 * Replayer.SNAPSHOT_EVERY);
    assertThat(store.latestSnapshot(arnOf(r), Long.MAX_VALUE)).isPresent();
  }

  @Test
  void aMapMidFlightWithRetriesGoesOnInEveryNewContainerAsInOne() {
    ColdRebuildTest other = new ColdRebuildTest();
    ExecutionResult alone = other.runInContainers(other.machine("Map", MAP), "[3,1,4,1,5,9,2,6]", Integer.MAX_VALUE,
        new ArrayList<>());
    ExecutionResult split = runInContainers(machine("Map", MAP), "[3,1,4,1,5,9,2,6]", 3, new ArrayList<>());

    assertThat(split.status()).isEqualTo("SUCCEEDED");
    assertThat(Json.write(split.output())).isEqualTo(Json.write(alone.output()));
    assertThat(Json.write(split.output())).contains("{\"got\":9}");
    // the jitter differs (each execution has its own seed), so the events may interleave differently
    assertThat(types(split)).containsExactlyInAnyOrderElementsOf(types(alone)).contains("TaskFailed");
  }

  @Test
  void anOldMessageRedeliveredToAColdContainerAfterManySnapshotsChangesNothing() {
    Container first = new Container();
    String arn = first.runtime.commands().startExecution(machine("Loop", LOOP), "run", "{\"i\":0}").executionArn();
    drive(first, 30);
    ExecutionResult before = first.runtime.commands().describe(arn).orElseThrow();
    int logLength = store.signals(arn).size();
    assertThat(before.status()).isEqualTo("RUNNING");
    assertThat(store.latestSnapshot(arn, Long.MAX_VALUE).orElseThrow().seq()).isGreaterThan(20);

    Container late = new Container();
    for (String body : handled.subList(0, 8)) {
      late.runtime.stateAdvance().handle(body);
    }

    assertThat(store.signals(arn)).hasSize(logLength);
    assertThat(late.runtime.commands().describe(arn).orElseThrow().history()).hasSize(before.history().size());
    drive(late, 1_000);
    assertThat(late.runtime.commands().describe(arn).orElseThrow().output().get("i").asInt()).isEqualTo(40);
  }

  @Test
  void aLargerSnapshotIsFollowedByTheNextOneAfterMoreEntries() {
    Replayer replayer = new Replayer(TaskTokens.randomKey());
    String arn = "arn:aws:states:us-east-1:123456789012:execution:M:big";
    assertThat(replayer.snapshotDue(arn, Replayer.SNAPSHOT_EVERY - 1)).isFalse();
    assertThat(replayer.snapshotDue(arn, Replayer.SNAPSHOT_EVERY)).isTrue();

    int bytes = 500 * Replayer.SNAPSHOT_BYTES_PER_ENTRY;
    replayer.written(arn, new dev.nestflow.infrastructure.store.SnapshotRecord(1_000, "x".repeat(bytes)));

    assertThat(replayer.snapshotDue(arn, 1_000 + Math.max(Replayer.SNAPSHOT_EVERY, 500) - 1)).isFalse();
    assertThat(replayer.snapshotDue(arn, 1_000 + Math.max(Replayer.SNAPSHOT_EVERY, 500))).isTrue();
  }

  private String arnOf(ExecutionResult r) {
    return store.executions(ARN + "Loop").get(0).executionArn();
  }

  private static List<String> types(ExecutionResult r) {
    return r.history().stream().map(e -> e.path("type").asText()).toList();
  }
}
