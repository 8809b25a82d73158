package dev.nestflow.infrastructure.runtime;

import dev.nestflow.core.interpreter.Effect;
import dev.nestflow.core.interpreter.Environment;
import dev.nestflow.core.interpreter.Execution;
import dev.nestflow.core.interpreter.ExecutionIdentity;
import dev.nestflow.core.interpreter.ExecutionSnapshot;
import dev.nestflow.core.interpreter.SeededRandom;
import dev.nestflow.core.interpreter.SignalCodec;
import dev.nestflow.core.json.Json;
import dev.nestflow.core.states.StateMachine;
import dev.nestflow.core.states.StateMachineParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.infrastructure.store.ExecutionRecord;
import dev.nestflow.infrastructure.store.ExecutionStore;
import dev.nestflow.infrastructure.store.SignalEntry;
import dev.nestflow.infrastructure.store.SnapshotRecord;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rebuilds an execution from its head and signal log by replaying the signals into a fresh
 * interpreter (deterministic: same definition, input, seed and signals give the same state and
 * history). Keeps the execution each step leaves behind, so the next step of a warm runtime reads
 * nothing: it appends at the next log position, and a refused append tells it the cache was stale.
 *
 * <p>A cold rebuild ({@link #load}) is bounded: it restores the latest snapshot of the execution
 * (written every {@link #SNAPSHOT_EVERY} log entries or more, see {@link #snapshotDue}) and replays
 * only the entries after it, however long the log. Only the history ({@link #rebuild}) replays the whole log.
 */
final class Replayer {
  /**
   * @param taskResources the Resource of every task the execution asked to run, by task key (a
   *     task's answer may have to wait for its TaskSubmitted, depending on the resource)
   */
  record Rebuilt(Execution execution, List<Effect> lastEffects, Map<String, String> taskResources) {}

  private record Cached(
      ExecutionRecord record, long version, Execution execution, List<Effect> lastEffects,
      Map<String, String> taskResources, Set<String> appliedIds) {}

  /**
   * A cached execution: its head as last read or written, the log length {@code version} it has
   * applied, and the ids of those signals. It may be stale (another process appended since); the
   * step finds out when its append at {@code version + 1} is refused.
   */
  record Warm(ExecutionRecord record, long version, Rebuilt rebuilt, Set<String> appliedIds) {}

  /** The effects one logged step caused, by its seq. */
  record StepEffects(long seq, List<Effect> effects) {}

  /**
   * An execution rebuilt from the snapshot after entry {@code snapshotSeq} (0: none, the whole log)
   * and the log entries after it ({@code tail}).
   */
  record Loaded(Rebuilt rebuilt, long snapshotSeq, List<SignalEntry> tail) {
    /** The log length the execution has applied. */
    long version() {
      return tail.isEmpty() ? snapshotSeq : tail.get(tail.size() - 1).seq();
    }

    /** Whether {@link #tail} is the whole log (no snapshot was used). */
    boolean whole() {
      return snapshotSeq == 0;
    }

    /** The tail's entry with this signal id, if any. */
    Optional<SignalEntry> entry(String signalId) {
      return tail.stream().filter(e -> e.signalId().equals(signalId)).findFirst();
    }
  }

  /**
   * The fewest log entries between two snapshots (see {@link #snapshotDue}). 100 keeps a loop's
   * snapshot writes near 1% of its log writes. The system property {@code nestflow.snapshotEvery}
   * changes it (the test suites take one every few entries, so every runtime test also goes through
   * snapshots).
   */
  static final int SNAPSHOT_EVERY = Math.max(1, Integer.getInteger("nestflow.snapshotEvery", 100));

  /**
   * Snapshot bytes per log entry between two snapshots: a snapshot of b bytes is followed by the next
   * one only after b / this many entries (at least {@link #SNAPSHOT_EVERY}). A Map with many
   * iterations in flight has a large state: snapshotting it every 100 entries would write O(n²)
   * bytes; this way the snapshots of an execution write about as many bytes as 1 KB per log entry,
   * and a cold rebuild replays a tail whose cost is of the order of reading the snapshot.
   */
  static final int SNAPSHOT_BYTES_PER_ENTRY = 1_000;

  /** The latest snapshot this runtime wrote or read, per execution: {seq, bytes}. */
  private final Map<String, long[]> lastSnapshots = new ConcurrentHashMap<>();

  private final Map<String, Cached> cache = new ConcurrentHashMap<>();
  private final Map<String, StateMachine> definitions = new ConcurrentHashMap<>();
  private final TaskTokens tokens;

  Replayer(TaskTokens tokens) {
    this.tokens = tokens;
  }

  /** A fresh replay of {@code log} (the cache is only for {@link #take}: its executions are mutable). */
  Rebuilt rebuild(ExecutionRecord rec, List<SignalEntry> log) {
    return replay(rec, log, Long.MAX_VALUE, null);
  }

  /** The execution as its log now leaves it: the latest snapshot and the entries after it. */
  Loaded load(ExecutionStore store, ExecutionRecord rec) {
    return load(store, rec, Long.MAX_VALUE, Long.MAX_VALUE, null);
  }

  /** The execution as {@code log}, its whole log just read (see ExecutionStore#open), leaves it. */
  Loaded loaded(ExecutionRecord rec, List<SignalEntry> log) {
    return replayFrom(rec, log, Long.MAX_VALUE, null);
  }

  /** As {@link #loadFrom}, on the whole log in hand: nothing is read. */
  Loaded replayFrom(ExecutionRecord rec, List<SignalEntry> log, long fromSeq, List<StepEffects> steps) {
    return new Loaded(replay(rec, log, fromSeq, steps), 0, log);
  }

  /**
   * As {@link #load}, from a snapshot taken before entry {@code fromSeq}, collecting the effects of
   * every step from {@code fromSeq} on into {@code steps} (a redelivered message re-performs them).
   */
  Loaded loadFrom(ExecutionStore store, ExecutionRecord rec, long fromSeq, List<StepEffects> steps) {
    return load(store, rec, fromSeq - 1, fromSeq, steps);
  }

  private Loaded load(ExecutionStore store, ExecutionRecord rec, long snapshotAtMost, long fromSeq, List<StepEffects> steps) {
    Optional<SnapshotRecord> snapshot = snapshotAtMost < 1 ? Optional.empty() : store.latestSnapshot(rec.executionArn(), snapshotAtMost);
    if (snapshot.isPresent()) {
      Optional<Rebuilt> restored = restore(rec, snapshot.get());
      if (restored.isPresent()) {
        if (snapshotAtMost == Long.MAX_VALUE) {
          written(rec.executionArn(), snapshot.get());
        }
        List<SignalEntry> tail = store.signalsAfter(rec.executionArn(), snapshot.get().seq());
        Rebuilt rebuilt = replayOnto(restored.get(), tail, fromSeq, steps);
        return new Loaded(rebuilt, snapshot.get().seq(), tail);
      }
    }
    List<SignalEntry> log = store.signals(rec.executionArn());
    return new Loaded(replay(rec, log, fromSeq, steps), 0, log);
  }

  /**
   * Whether the step that appended entry {@code seq} should write a snapshot: at least {@link
   * #SNAPSHOT_EVERY} entries, and {@link #SNAPSHOT_BYTES_PER_ENTRY} per byte of the last snapshot,
   * after the latest one this runtime knows of (none known: entry 0).
   */
  boolean snapshotDue(String executionArn, long seq) {
    long[] last = lastSnapshots.getOrDefault(executionArn, new long[2]);
    return seq - last[0] >= Math.max(SNAPSHOT_EVERY, last[1] / SNAPSHOT_BYTES_PER_ENTRY);
  }

  /** Notes the snapshot as the execution's latest (this runtime wrote it, or restored it). */
  void written(String executionArn, SnapshotRecord snapshot) {
    lastSnapshots.merge(executionArn, new long[] {snapshot.seq(), snapshot.state().length()},
        (old, now) -> now[0] >= old[0] ? now : old);
  }

  /**
   * The snapshot of {@code rebuilt} after log entry {@code seq}: the interpreter's state and the
   * resources of the tasks it waits on (what {@link Rebuilt#taskResources} is asked about).
   */
  static SnapshotRecord snapshot(Rebuilt rebuilt, long seq) {
    ObjectNode n = Json.object();
    n.set("execution", ExecutionSnapshot.encode(rebuilt.execution()));
    ObjectNode tasks = n.putObject("tasks");
    new TreeMap<>(rebuilt.taskResources()).forEach((key, resource) -> {
      if (rebuilt.execution().isWaitingOn(key)) {
        tasks.put(key, resource);
      }
    });
    return new SnapshotRecord(seq, Json.write(n));
  }

  /** The execution a snapshot holds, or empty when it cannot be restored (another format): replay instead. */
  private Optional<Rebuilt> restore(ExecutionRecord rec, SnapshotRecord snapshot) {
    JsonNode n;
    Execution execution;
    try {
      n = Json.parse(snapshot.state());
      Setup setup = setup(rec);
      execution = ExecutionSnapshot.restore(n.get("execution"), setup.machine(), setup.identity(),
          Json.parse(rec.inputText()), rec.inputText(), setup.env());
    } catch (RuntimeException unreadable) {
      return Optional.empty();
    }
    Map<String, String> resources = new HashMap<>();
    n.path("tasks").fields().forEachRemaining(e -> resources.put(e.getKey(), e.getValue().asText()));
    return Optional.of(new Rebuilt(execution, List.of(), Map.copyOf(resources)));
  }

  /**
   * A fresh replay of {@code log} that also collects the effects of every step from {@code fromSeq}
   * on into {@code steps}.
   */
  Rebuilt replay(ExecutionRecord rec, List<SignalEntry> log, long fromSeq, List<StepEffects> steps) {
    return replayOnto(new Rebuilt(fresh(rec), List.of(), Map.of()), log, fromSeq, steps);
  }

  private static Rebuilt replayOnto(Rebuilt from, List<SignalEntry> log, long fromSeq, List<StepEffects> steps) {
    Execution execution = from.execution();
    List<Effect> last = from.lastEffects();
    Map<String, String> resources = from.taskResources();
    for (SignalEntry entry : log) {
      Instant at = Instant.ofEpochMilli(entry.atMillis());
      last = SignalEntry.START_ID.equals(entry.signalId())
          ? execution.start(at)
          : execution.deliver(SignalCodec.decode(Json.parse(entry.signalJson())), at);
      resources = withTasks(resources, last);
      if (steps != null && entry.seq() >= fromSeq) {
        steps.add(new StepEffects(entry.seq(), last));
      }
    }
    return new Rebuilt(execution, last, resources);
  }

  /**
   * Takes the execution's cached state out of the cache: a warm step needs no read at all. Taking it
   * makes the caller its only user (the step holds the execution's {@link Writers} lock, so no other
   * thread of this runtime is waiting to step it); the caller gives it back with {@link #remember}.
   */
  Optional<Warm> take(String executionArn) {
    Cached cached = cache.remove(executionArn);
    if (cached == null) {
      return Optional.empty();
    }
    return Optional.of(new Warm(cached.record(), cached.version(),
        new Rebuilt(cached.execution(), cached.lastEffects(), cached.taskResources()), cached.appliedIds()));
  }

  /**
   * Brings a cached execution up to the end of the log: applies {@code newer} (the entries after
   * {@code warm.version()}, as {@link dev.nestflow.infrastructure.store.ExecutionStore#signalsAfter}
   * reads them) to it, so a runtime that another writer overtook reads the entries it missed, not
   * the whole log. Empty when the entries do not follow on (a gap: the caller reads the whole log)
   * or one of them ended the execution (the caller finishes that on the log).
   */
  Optional<Warm> catchUp(Warm warm, List<SignalEntry> newer) {
    if (newer.isEmpty()) {
      return Optional.of(warm);
    }
    Execution execution = warm.rebuilt().execution();
    List<Effect> last = warm.rebuilt().lastEffects();
    Map<String, String> resources = warm.rebuilt().taskResources();
    Set<String> applied = warm.appliedIds();
    long version = warm.version();
    for (SignalEntry entry : newer) {
      if (entry.seq() != version + 1 || execution.isDone()) {
        return Optional.empty();
      }
      last = execution.deliver(SignalCodec.decode(Json.parse(entry.signalJson())), Instant.ofEpochMilli(entry.atMillis()));
      resources = withTasks(resources, last);
      applied.add(entry.signalId());
      version = entry.seq();
    }
    if (execution.isDone()) {
      return Optional.empty();
    }
    return Optional.of(new Warm(warm.record(), version, new Rebuilt(execution, last, resources), applied));
  }

  static Map<String, String> withTasks(Map<String, String> resources, List<Effect> effects) {
    Map<String, String> out = null;
    for (Effect e : effects) {
      if (e instanceof Effect.InvokeTask t) {
        if (out == null) {
          out = new HashMap<>(resources);
        }
        out.put(t.key(), t.resource());
      }
    }
    return out == null ? resources : Map.copyOf(out);
  }

  /**
   * Keeps {@code execution} (which has applied log entries 1..{@code version}, whose ids are
   * {@code appliedIds}) for the next step of a running execution; the caller no longer touches either.
   */
  void remember(ExecutionRecord rec, long version, Execution execution, List<Effect> lastEffects,
      Map<String, String> taskResources, Set<String> appliedIds) {
    if (rec.running() && !execution.isDone()) {
      cache.put(rec.executionArn(), new Cached(rec, version, execution, lastEffects, taskResources, appliedIds));
    } else {
      cache.remove(rec.executionArn());
      lastSnapshots.remove(rec.executionArn());
    }
  }

  /** Whether this runtime holds the execution's state. */
  boolean cached(String executionArn) {
    return cache.containsKey(executionArn);
  }

  /** Forgets the cached state of the execution (it is stale, or the caller is about to replay). */
  void forget(String executionArn) {
    cache.remove(executionArn);
  }

  private Execution fresh(ExecutionRecord rec) {
    Setup setup = setup(rec);
    return new Execution(setup.machine(), setup.identity(), Json.parse(rec.inputText()), rec.inputText(), setup.env());
  }

  /** What an execution is made with besides its input: definition, identity, environment. */
  private record Setup(StateMachine machine, ExecutionIdentity identity, Environment env) {}

  private Setup setup(ExecutionRecord rec) {
    StateMachine machine = definitions.computeIfAbsent(rec.definition(), text -> StateMachineParser.parse(Json.parse(text)));
    String smName = rec.stateMachineArn().substring(rec.stateMachineArn().lastIndexOf(':') + 1);
    ExecutionIdentity identity =
        new ExecutionIdentity(rec.executionArn(), rec.name(), rec.stateMachineArn(), smName, rec.roleArn(),
            Instant.ofEpochMilli(rec.startMillis()));
    // draws what java.util.Random(seed) draws, and its state can be saved in a snapshot
    SeededRandom random = new SeededRandom(rec.seed());
    Environment env = new Environment() {
      @Override
      public java.util.random.RandomGenerator random() {
        return random;
      }

      @Override
      public String taskToken(String taskKey) {
        return tokens.mint(rec, taskKey);
      }
    };
    return new Setup(machine, identity, env);
  }
}
