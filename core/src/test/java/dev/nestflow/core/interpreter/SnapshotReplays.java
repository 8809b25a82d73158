package dev.nestflow.core.interpreter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.json.Json;
import dev.nestflow.core.states.StateMachine;
import dev.nestflow.core.states.StateMachineParser;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.Function;

/**
 * Test fixture: records the signals of a run on a virtual clock (as a runtime's log would hold them),
 * then checks that an execution restored from a snapshot taken after any of them goes on exactly as
 * the uninterrupted one: the same effects at every later step, the same events, the same outcome.
 */
final class SnapshotReplays {
  private SnapshotReplays() {}

  /** One logged step: the start (signal null) or a signal, and when it was applied. */
  record Step(Signal signal, Instant at) {}

  /** A recorded run: its machine, input and steps. */
  record Recorded(StateMachine machine, JsonNode input, List<Step> steps, ExecutionResult result) {}

  /**
   * Runs {@code definition} on {@code input}: timers fire in due order, each task gets the signals
   * {@code tasks} gives for it at once (none: it waits, for its timeout or forever).
   */
  static Recorded record(String definition, String input, Function<Effect.InvokeTask, List<Signal>> tasks) {
    return record(definition, input, tasks, List.of());
  }

  /** As {@link #record(String, String, Function)}; when the execution ends, {@code whenDone} come next. */
  static Recorded record(String definition, String input, Function<Effect.InvokeTask, List<Signal>> tasks,
      List<Signal> whenDone) {
    List<Signal> afterEnd = new ArrayList<>(whenDone);
    StateMachine machine = StateMachineParser.parse(Json.parse(definition));
    JsonNode in = Json.parse(input);
    Execution ex = fresh(machine, in);
    List<Step> steps = new ArrayList<>();
    record Timer(Instant due, long seq, String key) {}
    PriorityQueue<Timer> timers = new PriorityQueue<>(Comparator.comparing(Timer::due).thenComparingLong(Timer::seq));
    List<Signal> ready = new ArrayList<>();
    long seq = 0;
    Instant now = Runs.START;
    steps.add(new Step(null, now));
    List<Effect> effects = ex.start(now);
    while (steps.size() < 5_000) {
      for (Effect e : effects) {
        if (e instanceof Effect.ScheduleTimer t) {
          timers.add(new Timer(t.dueAt(), seq++, t.key()));
        } else if (e instanceof Effect.InvokeTask t) {
          ready.addAll(tasks.apply(t));
        } else if (e instanceof Effect.StartMapRun run) {
          // the map run's children run in-process; its answer is one signal to the parent, as in a log
          Signal answer = new InProcessMapRuns().run(run, now, task -> {
            List<Signal> signals = tasks.apply(task);
            return signals.isEmpty() || !(signals.get(signals.size() - 1) instanceof Signal.TaskSucceeded ok) ? null : ok.output();
          });
          if (answer != null) {
            ready.add(answer);
          }
        }
      }
      if (ex.isDone()) {
        if (afterEnd.isEmpty()) {
          break;
        }
        Signal next = afterEnd.remove(0);
        steps.add(new Step(next, now));
        effects = ex.deliver(next, now);
        continue;
      }
      Signal next;
      if (!ready.isEmpty()) {
        next = ready.remove(0);
      } else if (!timers.isEmpty()) {
        Timer t = timers.poll();
        now = t.due().isAfter(now) ? t.due() : now;
        next = new Signal.TimerFired(t.key());
      } else {
        break;
      }
      steps.add(new Step(next, now));
      effects = ex.deliver(next, now);
    }
    return new Recorded(machine, in, steps, ex.result());
  }

  static Execution fresh(StateMachine machine, JsonNode input) {
    return new Execution(machine, Runs.identity(), input, null, Environment.of(new SeededRandom(7)));
  }

  private static List<Effect> apply(Execution ex, Step step) {
    return step.signal() == null ? ex.start(step.at()) : ex.deliver(step.signal(), step.at());
  }

  /** Snapshots after every step (or about {@code points} evenly spread ones) and checks each restore. */
  static void assertRestoresAfterEveryStep(Recorded run) {
    assertRestores(run, Integer.MAX_VALUE);
  }

  static void assertRestores(Recorded run, int points) {
    List<Step> steps = run.steps();
    int every = Math.max(1, steps.size() / Math.max(1, points));
    for (int k = 0; k < steps.size(); k += every) {
      assertRestoresAfter(run, k + 1);
    }
  }

  /** Applies the first {@code applied} steps, snapshots, restores, and runs both to the end side by side. */
  static void assertRestoresAfter(Recorded run, int applied) {
    List<Step> steps = run.steps();
    Execution original = fresh(run.machine(), run.input());
    for (int i = 0; i < applied; i++) {
      apply(original, steps.get(i));
    }
    String text = Json.write(ExecutionSnapshot.encode(original));
    Execution restored = ExecutionSnapshot.restore(Json.parse(text), run.machine(), Runs.identity(), run.input(), null,
        Environment.of(new SeededRandom(0)));
    assertThat(Json.write(ExecutionSnapshot.encode(restored))).as("snapshot of the restored execution").isEqualTo(text);
    int eventsBefore = original.result().history().size();
    for (int i = applied; i < steps.size(); i++) {
      String a = apply(original, steps.get(i)).toString();
      String b = apply(restored, steps.get(i)).toString();
      assertThat(b).as("effects of step %d after a snapshot at step %d", i + 1, applied).isEqualTo(a);
    }
    ExecutionResult a = original.result();
    ExecutionResult b = restored.result();
    assertThat(b.status()).isEqualTo(a.status());
    assertThat(b.error()).isEqualTo(a.error());
    assertThat(b.cause()).isEqualTo(a.cause());
    assertThat(text(b.output())).isEqualTo(text(a.output()));
    List<String> tail = a.history().subList(eventsBefore, a.history().size()).stream().map(ObjectNode::toString).toList();
    assertThat(b.history().stream().map(ObjectNode::toString).toList())
        .as("events after a snapshot at step %d", applied).isEqualTo(tail);
    assertThat(Json.write(ExecutionSnapshot.encode(restored))).isEqualTo(Json.write(ExecutionSnapshot.encode(original)));
  }

  private static String text(JsonNode n) {
    return n == null ? null : Json.write(n);
  }
}
