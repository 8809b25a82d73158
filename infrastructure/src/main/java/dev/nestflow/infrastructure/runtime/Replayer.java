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
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rebuilds an execution from its head and signal log by replaying the signals into a fresh
 * interpreter (deterministic: same definition, input, seed and signals give the same state and
 * history). Keeps the latest rebuilt execution per ARN so a warm runtime replays only what is new.
 */
final class Replayer {
  /**
   * @param taskResources the Resource of every task the execution asked to run, by task key (a
   *     task's answer may have to wait for its TaskSubmitted, depending on the resource)
   */
  record Rebuilt(Execution execution, List<Effect> lastEffects, Map<String, String> taskResources) {}

  private record Cached(long version, Execution execution, List<Effect> lastEffects, Map<String, String> taskResources) {}

  private final Map<String, Cached> cache = new ConcurrentHashMap<>();
  private final Map<String, StateMachine> definitions = new ConcurrentHashMap<>();
  private final TaskTokens tokens;

  Replayer(TaskTokens tokens) {
    this.tokens = tokens;
  }

  Rebuilt rebuild(ExecutionRecord rec, List<SignalEntry> log) {
    Cached cached = cache.get(rec.executionArn());
    if (cached != null && cached.version() == log.size() && log.size() == rec.version()) {
      return new Rebuilt(cached.execution(), cached.lastEffects(), cached.taskResources());
    }
    Execution execution = fresh(rec);
    List<Effect> last = List.of();
    Map<String, String> resources = Map.of();
    for (SignalEntry entry : log) {
      Instant at = Instant.ofEpochMilli(entry.atMillis());
      last = TransitionMessage.START.equals(entry.signalId())
          ? execution.start(at)
          : execution.deliver(SignalCodec.decode(Json.parse(entry.signalJson())), at);
      resources = withTasks(resources, last);
    }
    return new Rebuilt(execution, last, resources);
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

  /** Keeps {@code execution} (now at {@code rec.version()}) for the next step; the caller no longer touches it. */
  void remember(ExecutionRecord rec, Execution execution, List<Effect> lastEffects, Map<String, String> taskResources) {
    if (rec.running()) {
      cache.put(rec.executionArn(), new Cached(rec.version(), execution, lastEffects, taskResources));
    } else {
      cache.remove(rec.executionArn());
    }
  }

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
