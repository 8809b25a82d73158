package dev.nestflow.infrastructure.faults;

import dev.nestflow.core.interpreter.Signal;
import dev.nestflow.core.interpreter.SignalCodec;
import dev.nestflow.core.json.Json;
import dev.nestflow.infrastructure.store.ExecutionStore;
import dev.nestflow.infrastructure.store.SignalEntry;
import dev.nestflow.infrastructure.tasks.TaskInvoker;
import dev.nestflow.infrastructure.tasks.TaskOutcome;
import dev.nestflow.infrastructure.tasks.TaskRequest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts the task invocations of a harness run, per attempt (execution and task key: the
 * interpreter draws a new key for every attempt), and explains every invocation beyond the first
 * of an attempt: which delivery made it, whether the attempt's answer was already in the log then
 * (that would break invariant 8: a redelivery re-invokes only a task whose answer was never
 * recorded), and how the delivery that made the earlier invocation ended (crashed before the answer
 * was logged, lost the race for the log, or was still running when another container stepped in).
 *
 * <p>The harness tells it which delivery is running ({@link #delivering}) and how each ended
 * ({@link #ended}); the log is read from the store under the fault-injecting one, so reading it
 * injects nothing.
 */
final class InvocationLedger implements TaskInvoker {
  /** What the log held of an attempt when it was invoked again. */
  enum Logged {
    /** Nothing: the earlier invocation's result was lost (a crash), or is not written yet. */
    NOTHING,
    /** Its TaskSubmitted (the call's response, a callback task still waiting for its token). */
    SUBMISSION,
    /** Its answer (TaskSucceeded or TaskFailed): the task must never run again. */
    ANSWER
  }

  /**
   * One invocation beyond the first of its attempt, and why it happened. {@code outlived}: it was
   * made by a handler that started before the one that made the earlier invocation, that is, a
   * handler that outlived its message's visibility timeout and went on with the effects it had in
   * hand after the redelivery had performed them (and logged their answers). On Lambda the
   * visibility timeout (6 times the function's) makes that impossible; a consumer whose handlers
   * may outlast it (a long task inline in serve) invokes such a task twice.
   */
  record Extra(String executionArn, String taskKey, int invocation, Logged logged, String why, boolean outlived) {
    /** Invoked again although its answer was logged, by a handler that did not outlive its message: never allowed. */
    boolean answerWasLogged() {
      return logged == Logged.ANSWER && !outlived;
    }

    @Override
    public String toString() {
      return executionArn.substring(executionArn.lastIndexOf(':', executionArn.lastIndexOf(':') - 1) + 1) + " " + taskKey
          + ": invocation " + invocation + " (" + logged + " logged): " + why;
    }
  }

  /** Totals of a run. */
  record Counts(int attempts, int invocations, List<Extra> extras) {
    /** Extra invocations of attempts whose answer was already logged: never allowed. */
    List<Extra> violations() {
      return extras.stream().filter(Extra::answerWasLogged).toList();
    }
  }

  private record Delivery(int number, String message) {}

  private final TaskInvoker delegate;
  private final ExecutionStore log;
  private final FaultPlan plan;
  private final Map<String, List<Delivery>> byAttempt = new LinkedHashMap<>();
  private final Deque<Delivery> current = new ArrayDeque<>();
  private final Map<Integer, String> endings = new HashMap<>();
  private final List<Extra> extras = new ArrayList<>();

  /** @param plan says when the calling function has timed out (no invocation then), or times out right after one */
  InvocationLedger(TaskInvoker delegate, ExecutionStore log, FaultPlan plan) {
    this.delegate = delegate;
    this.log = log;
    this.plan = plan;
  }

  /** Delivery {@code number} of {@code message} starts (deliveries nest when another container steps in). */
  void delivering(int number, String message) {
    current.push(new Delivery(number, message));
  }

  /** The current delivery ended as {@code how} ("done", "crashed: CRASH_AFTER append", ...). */
  void ended(String how) {
    Delivery d = current.pop();
    endings.put(d.number(), how);
  }

  /**
   * Invokes the task and counts the invocation, unless it threw (a task whose invoker fails the step,
   * not the task, has not run: the poisoned function of the workload).
   */
  @Override
  public TaskOutcome invoke(TaskRequest request) {
    plan.checkAlive("invoke " + request.taskKey());
    TaskOutcome outcome = delegate.invoke(request);
    count(request);
    plan.afterTask(request.taskKey());
    return outcome;
  }

  private void count(TaskRequest request) {
    String attempt = request.executionArn() + " " + request.taskKey();
    Delivery now = current.isEmpty() ? new Delivery(0, "outside any delivery") : current.peek();
    List<Delivery> earlier = byAttempt.computeIfAbsent(attempt, a -> new ArrayList<>());
    if (!earlier.isEmpty()) {
      extras.add(new Extra(request.executionArn(), request.taskKey(), earlier.size() + 1,
          logged(request.executionArn(), request.taskKey()), why(earlier, now),
          now.number() < earlier.get(earlier.size() - 1).number()));
    }
    earlier.add(now);
  }

  private String why(List<Delivery> earlier, Delivery now) {
    Delivery before = earlier.get(earlier.size() - 1);
    String ending = endings.get(before.number());
    String first = "delivery " + before.number() + " (" + before.message() + ") invoked it, then "
        + (ending != null ? ending
            : current.contains(before) ? "another container stepped in before it logged the answer" : "did not end");
    return first + "; delivery " + now.number() + " (" + now.message() + ") found the task still waiting";
  }

  private Logged logged(String executionArn, String taskKey) {
    Logged logged = Logged.NOTHING;
    for (SignalEntry entry : log.signals(executionArn)) {
      if (SignalEntry.START_ID.equals(entry.signalId())) {
        continue;
      }
      Signal signal = SignalCodec.decode(Json.parse(entry.signalJson()));
      if (signal instanceof Signal.TaskSucceeded s && s.key().equals(taskKey)
          || signal instanceof Signal.TaskFailed f && f.key().equals(taskKey)) {
        return Logged.ANSWER;
      }
      if (signal instanceof Signal.TaskSubmitted s && s.key().equals(taskKey)) {
        logged = Logged.SUBMISSION;
      }
    }
    return logged;
  }

  Counts counts() {
    int invocations = byAttempt.values().stream().mapToInt(List::size).sum();
    return new Counts(byAttempt.size(), invocations, List.copyOf(extras));
  }
}
