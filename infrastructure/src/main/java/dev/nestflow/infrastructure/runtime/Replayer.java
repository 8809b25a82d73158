package dev.nestflow.infrastructure.runtime;

import dev.nestflow.core.interpreter.Effect;
import dev.nestflow.core.interpreter.Environment;
import dev.nestflow.core.interpreter.Execution;
import dev.nestflow.core.interpreter.ExecutionIdentity;
import dev.nestflow.core.interpreter.SignalCodec;
import dev.nestflow.core.json.Json;
import dev.nestflow.core.states.StateMachine;
import dev.nestflow.core.states.StateMachineParser;
import dev.nestflow.infrastructure.store.ExecutionRecord;
import dev.nestflow.infrastructure.store.SignalEntry;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rebuilds an execution from its head and signal log by replaying the signals into a fresh
 * interpreter (deterministic: same definition, input, seed and signals give the same state and
 * history). Keeps the execution each step leaves behind, so the next step of a warm runtime reads
 * nothing: it appends at the next log position, and a refused append tells it the cache was stale.
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

  /**
   * A fresh replay of {@code log} that also collects the effects of every step from {@code fromSeq}
   * on into {@code steps}.
   */
  Rebuilt replay(ExecutionRecord rec, List<SignalEntry> log, long fromSeq, List<StepEffects> steps) {
    Execution execution = fresh(rec);
    List<Effect> last = List.of();
    Map<String, String> resources = Map.of();
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
    }
  }

  /** Forgets the cached state of the execution (it is stale, or the caller is about to replay). */
  void forget(String executionArn) {
    cache.remove(executionArn);
  }

  private Execution fresh(ExecutionRecord rec) {
    StateMachine machine = definitions.computeIfAbsent(rec.definition(), text -> StateMachineParser.parse(Json.parse(text)));
    String smName = rec.stateMachineArn().substring(rec.stateMachineArn().lastIndexOf(':') + 1);
    ExecutionIdentity identity =
        new ExecutionIdentity(rec.executionArn(), rec.name(), rec.stateMachineArn(), smName, rec.roleArn(),
            Instant.ofEpochMilli(rec.startMillis()));
    Random random = new Random(rec.seed());
    Environment env = new Environment() {
      @Override
      public java.util.random.RandomGenerator random() {
        return random;
      }

      @Override
      public String taskToken(String taskKey) {
        return tokens.mint(rec.executionArn(), taskKey);
      }
    };
    return new Execution(machine, identity, Json.parse(rec.inputText()), rec.inputText(), env);
  }
}
