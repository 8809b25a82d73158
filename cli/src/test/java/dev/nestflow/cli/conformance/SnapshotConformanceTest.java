package dev.nestflow.cli.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.interpreter.Effect;
import dev.nestflow.core.interpreter.Environment;
import dev.nestflow.core.interpreter.Execution;
import dev.nestflow.core.interpreter.ExecutionIdentity;
import dev.nestflow.core.interpreter.ExecutionResult;
import dev.nestflow.core.interpreter.ExecutionSnapshot;
import dev.nestflow.core.interpreter.SeededRandom;
import dev.nestflow.core.interpreter.SignalCodec;
import dev.nestflow.core.json.Json;
import dev.nestflow.core.states.StateMachine;
import dev.nestflow.core.states.StateMachineParser;
import dev.nestflow.infrastructure.store.ExecutionRecord;
import dev.nestflow.infrastructure.store.ExecutionStore;
import dev.nestflow.infrastructure.store.SignalEntry;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/**
 * Bounded replay's decisive property, on every signal log the queue runtime writes for the corpus:
 * an execution restored from a snapshot taken after any log entry, given the entries after it, causes
 * the same effects at every step, writes the same events and ends the same as the whole log replayed.
 */
class SnapshotConformanceTest {
  /** Snapshots checked per execution, spread evenly over its log (every entry of logs up to this long). */
  private static final int POINTS = 40;

  @Test
  void everyLogOfTheCorpusRestoresFromASnapshotAfterAnyEntry() throws IOException {
    List<ConformanceCase> cases = Corpus.load(List.of(CorpusDir.get()));
    List<String> problems = new ArrayList<>();
    int[] checked = {0};
    QueueRuntimeEngine queue = new QueueRuntimeEngine();
    ConformanceEngine checking = new ConformanceEngine() {
      @Override
      public Set<String> capabilities() {
        return queue.capabilities();
      }

      @Override
      public List<dev.nestflow.core.validation.Diagnostic> validate(String definitionText, String type) {
        return queue.validate(definitionText, type);
      }

      @Override
      public String invalidDefinitionMessage(List<dev.nestflow.core.validation.Diagnostic> diagnostics) {
        return queue.invalidDefinitionMessage(diagnostics);
      }

      @Override
      public ValidateResult validateForApi(String definitionText, String type) {
        return queue.validateForApi(definitionText, type);
      }

      @Override
      public java.util.Optional<String> rejectInput(String inputText, String definitionText) {
        return queue.rejectInput(inputText, definitionText);
      }

      @Override
      public ExecutionResult execute(CaseExecution c) {
        QueueCaseRun run = new QueueCaseRun(c);
        ExecutionResult result = run.run();
        Set<String> machines = new HashSet<>(c.children().keySet());
        machines.add(c.stateMachineArn());
        for (String machine : machines) {
          for (ExecutionRecord rec : run.store().executions(machine)) {
            try {
              checked[0] += check(rec, run.store().signals(rec.executionArn()));
            } catch (AssertionError | RuntimeException e) {
              problems.add(rec.executionArn() + ": " + e.getMessage());
            }
          }
        }
        return result;
      }
    };
    ConformanceRun.of(cases, checking, false);
    System.out.println("snapshot restores checked: " + checked[0]);
    assertThat(checked[0]).isGreaterThan(1_000);
    assertThat(problems).isEmpty();
  }

  /** Checks restores after about {@link #POINTS} entries of the log; returns how many. */
  private static int check(ExecutionRecord rec, List<SignalEntry> log) {
    StateMachine machine = StateMachineParser.parse(Json.parse(rec.definition()));
    Execution original = fresh(rec, machine, new SeededRandom(rec.seed()));
    List<String> effects = new ArrayList<>();
    List<String> snapshots = new ArrayList<>();
    List<Integer> eventsAt = new ArrayList<>();
    int every = Math.max(1, log.size() / POINTS);
    for (int i = 0; i < log.size(); i++) {
      effects.add(apply(original, log.get(i)).toString());
      boolean point = i % every == 0;
      snapshots.add(point ? Json.write(ExecutionSnapshot.encode(original)) : null);
      eventsAt.add(original.result().history().size());
    }
    List<ObjectNode> history = original.result().history();
    int n = 0;
    for (int k = 0; k < log.size(); k++) {
      if (snapshots.get(k) == null) {
        continue;
      }
      Execution restored = ExecutionSnapshot.restore(Json.parse(snapshots.get(k)), machine, identity(rec, machine),
          Json.parse(rec.inputText()), rec.inputText(), env(rec, new SeededRandom(0)));
      for (int i = k + 1; i < log.size(); i++) {
        assertThat(apply(restored, log.get(i)).toString()).as("effects of entry %d, snapshot after %d", i + 1, k + 1)
            .isEqualTo(effects.get(i));
      }
      ExecutionResult a = original.result();
      ExecutionResult b = restored.result();
      assertThat(b.status()).isEqualTo(a.status());
      assertThat(b.error()).isEqualTo(a.error());
      assertThat(b.cause()).isEqualTo(a.cause());
      assertThat(text(b.output())).isEqualTo(text(a.output()));
      assertThat(b.history().stream().map(ObjectNode::toString).toList()).as("events after entry %d", k + 1)
          .isEqualTo(history.subList(eventsAt.get(k), history.size()).stream().map(ObjectNode::toString).toList());
      n++;
    }
    return n;
  }

  private static List<Effect> apply(Execution ex, SignalEntry entry) {
    Instant at = Instant.ofEpochMilli(entry.atMillis());
    return SignalEntry.START_ID.equals(entry.signalId())
        ? ex.start(at)
        : ex.deliver(SignalCodec.decode(Json.parse(entry.signalJson())), at);
  }

  private static Execution fresh(ExecutionRecord rec, StateMachine machine, SeededRandom random) {
    return new Execution(machine, identity(rec, machine), Json.parse(rec.inputText()), rec.inputText(), env(rec, random));
  }

  private static ExecutionIdentity identity(ExecutionRecord rec, StateMachine machine) {
    String smName = rec.stateMachineArn().substring(rec.stateMachineArn().lastIndexOf(':') + 1);
    return new ExecutionIdentity(rec.executionArn(), rec.name(), rec.stateMachineArn(), smName, rec.roleArn(),
        Instant.ofEpochMilli(rec.startMillis()));
  }

  /** Tokens made from the key alone: the same in the original and the restored execution. */
  private static Environment env(ExecutionRecord rec, SeededRandom random) {
    return new Environment() {
      @Override
      public RandomGenerator random() {
        return random;
      }

      @Override
      public String taskToken(String taskKey) {
        return "token:" + rec.executionArn() + ":" + taskKey;
      }
    };
  }

  private static String text(JsonNode n) {
    return n == null ? null : Json.write(n);
  }
}
