package dev.nestflow.bench;

import dev.nestflow.core.json.Json;
import dev.nestflow.infrastructure.embedded.VirtualClock;
import dev.nestflow.infrastructure.queue.InMemoryQueue;
import dev.nestflow.infrastructure.queue.QueueMessage;
import dev.nestflow.infrastructure.runtime.ExecutionRuntime;
import dev.nestflow.infrastructure.runtime.TaskTokens;
import dev.nestflow.infrastructure.store.ExecutionStore;
import dev.nestflow.infrastructure.store.ForwardingExecutionStore;
import dev.nestflow.infrastructure.store.InMemoryExecutionStore;
import dev.nestflow.infrastructure.store.SignalEntry;
import dev.nestflow.infrastructure.store.SnapshotRecord;
import dev.nestflow.infrastructure.store.StateMachineRecord;
import dev.nestflow.infrastructure.tasks.TaskInvoker;
import dev.nestflow.infrastructure.tasks.TaskOutcome;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/**
 * Bounded replay: how long a cold container (a new runtime, nothing cached) takes to rebuild an
 * execution whose log has 200 or 20,000 entries. It answers {@code SendTaskHeartbeat} on a task the
 * execution waits on, which rebuilds the execution from the store (latest snapshot + the entries
 * after it) to check that the task still waits; {@code describe} (the history, a full replay of the
 * log) shows what every cold step cost before snapshots. Scenarios, Express (no 25,000-event limit):
 * {@code loop}, a Pass/Wait/Choice loop that then waits on a callback task; {@code maploop}, a loop
 * around an inline Map of 10 waiting iterations; {@code map}, an inline Map whose N iterations all
 * wait on callback tasks (each submission is a log entry), rebuilt with every iteration in flight:
 * its state, and so its snapshot, grows with the Map. Prints one line per scenario and size.
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.nestflow.bench.ColdRebuild [sizes, default 200,20000] [repeats, default 30]</pre>
 */
public final class ColdRebuild {
  private static final String MACHINE = "arn:aws:states:us-east-1:123456789012:stateMachine:";
  private static final String CALLBACK = "arn:aws:states:::sqs:sendMessage.waitForTaskToken";

  /** One measured execution: medians over the repeats, and what one cold rebuild read. */
  public record Line(String scenario, int logEntries, long snapshotSeq, long snapshotBytes, double coldMedianMs,
      double coldP90Ms, double fullReplayMs, long readCalls, long entriesRead, long bytesRead, long snapshotsWritten,
      long snapshotBytesWritten, long logBytesWritten) {
    @Override
    public String toString() {
      return String.format("%-7s log %,7d entries | cold rebuild median %8.2f ms, p90 %8.2f ms | full replay %9.1f ms |"
              + " one cold rebuild reads %d calls, %,d log entries, %,d bytes (snapshot after entry %,d: %,d bytes) |"
              + " written: log %,d bytes, %,d snapshots %,d bytes",
          scenario, logEntries, coldMedianMs, coldP90Ms, fullReplayMs, readCalls, entriesRead, bytesRead, snapshotSeq,
          snapshotBytes, logBytesWritten, snapshotsWritten, snapshotBytesWritten);
    }
  }

  private ColdRebuild() {}

  public static void main(String[] args) {
    int[] sizes = Arrays.stream((args.length > 0 ? args[0] : "200,20000").split(",")).mapToInt(Integer::parseInt).toArray();
    int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    for (String scenario : List.of("loop", "maploop", "map")) {
      for (int size : sizes) {
        System.out.println(run(scenario, size, repeats));
      }
    }
  }

  /** Builds the execution to about {@code entries} log entries, then times cold rebuilds of it. */
  public static Line run(String scenario, int entries, int repeats) {
    VirtualClock clock = new VirtualClock(Instant.parse("2026-01-01T00:00:00Z"));
    Counting store = new Counting(new InMemoryExecutionStore());
    List<String> tokens = new ArrayList<>();
    TaskInvoker tasks = request -> {
      tokens.add(request.token());
      return new TaskOutcome.Pending(Json.object().put("MessageId", request.taskKey()));
    };
    TaskTokens keys = new TaskTokens("cold-rebuild-bench-key-0123456789".getBytes(StandardCharsets.UTF_8));
    InMemoryQueue queue = new InMemoryQueue(clock);
    ExecutionRuntime warm = new ExecutionRuntime(store, queue, tasks, clock, keys);
    String definition = switch (scenario) {
      case "loop" -> loop(entries - 2);
      case "maploop" -> mapLoop((entries - 2) / (MAP_LOOP_ITEMS + 1));
      default -> map(entries - 1);
    };
    store.putStateMachine(new StateMachineRecord(MACHINE + scenario, scenario, "EXPRESS", definition, "arn:aws:iam::1:role/r", 0));
    String input = scenario.equals("map") ? itemsJson(entries - 1) : "{\"i\":0}";
    String arn = warm.commands().startExecution(MACHINE + scenario, "run", input).executionArn();
    drain(queue, clock, warm);
    long snapshotsWritten = store.snapshotsWritten.sum();
    long snapshotBytesWritten = store.snapshotBytesWritten.sum();
    long logBytesWritten = store.logBytesWritten.sum();
    int logEntries = store.signals(arn).size();
    String token = tokens.get(tokens.size() - 1);
    SnapshotRecord snapshot = store.latestSnapshot(arn, Long.MAX_VALUE).orElse(null);

    double[] cold = new double[repeats];
    long[] read = new long[3];
    for (int r = -Math.max(5, repeats / 3); r < repeats; r++) {
      ExecutionRuntime container = new ExecutionRuntime(store, new InMemoryQueue(clock), tasks, clock, keys);
      store.reset();
      long t0 = System.nanoTime();
      container.commands().sendTaskHeartbeat(token);
      long t1 = System.nanoTime();
      if (r >= 0) {
        cold[r] = (t1 - t0) / 1e6;
        read = new long[] {store.calls.sum(), store.entries.sum(), store.bytes.sum()};
      }
    }
    long t0 = System.nanoTime();
    new ExecutionRuntime(store, new InMemoryQueue(clock), tasks, clock, keys).commands().describe(arn).orElseThrow();
    double full = (System.nanoTime() - t0) / 1e6;
    Arrays.sort(cold);
    return new Line(scenario, logEntries, snapshot == null ? 0 : snapshot.seq(),
        snapshot == null ? 0 : snapshot.state().getBytes(StandardCharsets.UTF_8).length,
        cold[cold.length / 2], cold[(int) (cold.length * 0.9)], full, read[0], read[1], read[2], snapshotsWritten,
        snapshotBytesWritten, logBytesWritten);
  }

  /** A loop of {@code rounds} Pass/Wait/Choice rounds (one timer entry each), then a callback task. */
  static String loop(int rounds) {
    return """
        {"StartAt": "Count", "States": {
          "Count": {"Type": "Pass", "Parameters": {"i.$": "States.MathAdd($.i, 1)"}, "Next": "Nap"},
          "Nap": {"Type": "Wait", "Seconds": 1, "Next": "More"},
          "More": {"Type": "Choice", "Choices": [{"Variable": "$.i", "NumericLessThan": %d, "Next": "Count"}],
                   "Default": "Hold"},
          "Hold": {"Type": "Task", "Resource": "%s", "Parameters": {"QueueUrl": "q", "MessageBody.$": "$$.Task.Token"},
                   "End": true}}}""".formatted(rounds, CALLBACK);
  }

  private static final int MAP_LOOP_ITEMS = 10;

  /**
   * A loop whose every round runs an inline Map of {@value #MAP_LOOP_ITEMS} iterations that each wait
   * 1 s (one timer entry each) and then a 1 s Wait, then waits on a callback task.
   */
  static String mapLoop(int rounds) {
    return """
        {"StartAt": "Count", "States": {
          "Count": {"Type": "Pass", "Parameters": {"i.$": "States.MathAdd($.i, 1)", "items.$": "States.ArrayRange(1, %d, 1)"},
                    "Next": "Fan"},
          "Fan": {"Type": "Map", "ItemsPath": "$.items", "ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE"},
                    "StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 1, "End": true}}},
                  "ResultPath": null, "Next": "Nap"},
          "Nap": {"Type": "Wait", "Seconds": 1, "Next": "More"},
          "More": {"Type": "Choice", "Choices": [{"Variable": "$.i", "NumericLessThan": %d, "Next": "Count"}],
                   "Default": "Hold"},
          "Hold": {"Type": "Task", "Resource": "%s", "Parameters": {"QueueUrl": "q", "MessageBody.$": "$$.Task.Token"},
                   "End": true}}}""".formatted(MAP_LOOP_ITEMS, rounds, CALLBACK);
  }

  /** An inline Map whose iterations each wait on a callback task. */
  static String map(int items) {
    return """
        {"StartAt": "M", "States": {"M": {"Type": "Map", "ItemProcessor": {
            "ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "Hold", "States": {
              "Hold": {"Type": "Task", "Resource": "%s",
                       "Parameters": {"QueueUrl": "q", "MessageBody": {"item.$": "$", "token.$": "$$.Task.Token"}},
                       "End": true}}},
          "End": true}}}""".formatted(CALLBACK);
  }

  private static String itemsJson(int n) {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < n; i++) {
      b.append(i == 0 ? "" : ",").append("{\"id\":").append(i).append('}');
    }
    return b.append(']').toString();
  }

  private static void drain(InMemoryQueue queue, VirtualClock clock, ExecutionRuntime runtime) {
    while (true) {
      List<QueueMessage> batch = queue.receive(10, Duration.ofSeconds(30));
      if (batch.isEmpty()) {
        Optional<Instant> next = queue.nextVisibleAt();
        if (next.isEmpty()) {
          return;
        }
        clock.advanceTo(next.get());
        continue;
      }
      for (QueueMessage m : batch) {
        runtime.stateAdvance().handle(m.body());
        queue.delete(m.receiptHandle());
      }
    }
  }

  /** Counts what is read from the store: calls, log entries and bytes (entries' and snapshots' text). */
  static final class Counting extends ForwardingExecutionStore {
    final LongAdder calls = new LongAdder();
    final LongAdder entries = new LongAdder();
    final LongAdder bytes = new LongAdder();
    final LongAdder snapshotsWritten = new LongAdder();
    final LongAdder snapshotBytesWritten = new LongAdder();
    final LongAdder logBytesWritten = new LongAdder();

    Counting(ExecutionStore delegate) {
      super(delegate);
    }

    void reset() {
      calls.reset();
      entries.reset();
      bytes.reset();
    }

    private List<SignalEntry> counted(List<SignalEntry> log) {
      calls.increment();
      entries.add(log.size());
      log.forEach(e -> bytes.add(e.signalId().length() + e.signalJson().length() + 16));
      return log;
    }

    @Override
    public boolean append(String executionArn, SignalEntry entry) {
      logBytesWritten.add(entry.signalId().length() + entry.signalJson().length() + 16);
      return super.append(executionArn, entry);
    }

    @Override
    public void putSnapshot(String executionArn, SnapshotRecord snapshot) {
      snapshotsWritten.increment();
      snapshotBytesWritten.add(snapshot.state().length());
      super.putSnapshot(executionArn, snapshot);
    }

    @Override
    public List<SignalEntry> signals(String executionArn) {
      return counted(super.signals(executionArn));
    }

    @Override
    public List<SignalEntry> signalsAfter(String executionArn, long afterSeq) {
      return counted(super.signalsAfter(executionArn, afterSeq));
    }

    @Override
    public Optional<SnapshotRecord> latestSnapshot(String executionArn, long atMostSeq) {
      calls.increment();
      Optional<SnapshotRecord> s = super.latestSnapshot(executionArn, atMostSeq);
      s.ifPresent(r -> bytes.add(r.state().length()));
      return s;
    }

    @Override
    public Optional<dev.nestflow.infrastructure.store.ExecutionRecord> execution(String executionArn) {
      calls.increment();
      Optional<dev.nestflow.infrastructure.store.ExecutionRecord> rec = super.execution(executionArn);
      rec.ifPresent(r -> bytes.add(r.definition().length() + r.inputText().length()));
      return rec;
    }
  }
}
