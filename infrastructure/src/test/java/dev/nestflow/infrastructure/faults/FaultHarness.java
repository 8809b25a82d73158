package dev.nestflow.infrastructure.faults;

import dev.nestflow.infrastructure.embedded.VirtualClock;
import dev.nestflow.infrastructure.queue.InMemoryQueue;
import dev.nestflow.infrastructure.queue.QueueMessage;
import dev.nestflow.infrastructure.runtime.ApiException;
import dev.nestflow.infrastructure.runtime.ExecutionRuntime;
import dev.nestflow.infrastructure.runtime.StateAdvance;
import dev.nestflow.infrastructure.runtime.TaskTokens;
import dev.nestflow.infrastructure.runtime.TransitionMessage;
import dev.nestflow.infrastructure.store.ExecutionRecord;
import dev.nestflow.infrastructure.store.InMemoryExecutionStore;
import dev.nestflow.infrastructure.tasks.TaskInvoker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Plays the state-advance Lambda over fault-injecting adapters: receives transition messages,
 * hands each to {@link StateAdvance#handle} on one of two "containers" and deletes it on
 * success; a crashed handler leaves its message to come back after the visibility timeout (and
 * its container is sometimes replaced, a cold start). Between conditional writes another container
 * may step in. When the queue is idle, an outside worker answers the callback tokens it was handed
 * (with duplicated and late answers when faults are on). Everything runs on a virtual clock.
 */
final class FaultHarness {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  static final Duration VISIBILITY = Duration.ofSeconds(30);
  private static final int MAX_DELIVERIES = 50_000;
  private static final TaskTokens TOKENS = new TaskTokens("fault-injection-harness-key-0001".getBytes(StandardCharsets.UTF_8));

  /**
   * How a run ended: the end state of every execution, the faults injected, the handler calls made,
   * and the task invocations (per attempt, with every one beyond the first explained).
   */
  record Outcome(Snapshot snapshot, Map<FaultKind, Integer> faults, int deliveries, int crashes, boolean quiesced,
      InvocationLedger.Counts invocations) {}

  private final long seed;
  private final FaultPlan plan;
  private final VirtualClock clock = new VirtualClock(T0);
  private final InMemoryExecutionStore store = new InMemoryExecutionStore();
  private final InMemoryQueue queue = new InMemoryQueue(clock);
  private final FaultyExecutionStore faultyStore;
  private final FaultyMessageQueue faultyQueue;
  private final Workload.Workers workers;
  private final InvocationLedger ledger;
  private final ExecutionRuntime[] containers = new ExecutionRuntime[2];
  private final ExecutionRuntime client;
  private final List<String> answered = new ArrayList<>();
  private final Duration budget;
  private boolean inConcurrentStep;
  private int deliveries;
  private int crashes;

  FaultHarness(long seed, double rate) {
    this(seed, rate, null);
  }

  /**
   * @param budget each handler call's time (null: unlimited). With a budget, the workload's Lambda
   *     tasks (no TimeoutSeconds, no known function timeout: they may run 15 minutes) do not fit a
   *     call and travel as invoke messages on the same queue, which the containers run.
   */
  FaultHarness(long seed, double rate, Duration budget) {
    this.seed = seed;
    this.budget = budget;
    this.plan = new FaultPlan(seed, rate);
    this.faultyStore = new FaultyExecutionStore(store, plan, this::concurrentStep);
    this.faultyQueue = new FaultyMessageQueue(queue, plan);
    this.workers = new Workload.Workers(this::client);
    this.ledger = new InvocationLedger(workers, store);
    this.client = newRuntime(ledger);
    for (int i = 0; i < containers.length; i++) {
      containers[i] = newRuntime(ledger);
    }
    Workload.register(store);
  }

  private ExecutionRuntime client() {
    return client;
  }

  private ExecutionRuntime newRuntime(TaskInvoker tasks) {
    return new ExecutionRuntime(faultyStore, faultyQueue, tasks, clock, TOKENS);
  }

  Outcome run() {
    for (Workload.Start start : Workload.starts(seed)) {
      retried(() -> client.commands().startExecution(Workload.ORCHESTRATOR, start.name(), start.input()));
    }
    boolean quiesced = drain();
    return new Outcome(snapshot(), plan.injected(), deliveries, crashes, quiesced, ledger.counts());
  }

  /** Runs until nothing is left to do; false when it gave up (a livelock). */
  private boolean drain() {
    while (deliveries < MAX_DELIVERIES) {
      List<QueueMessage> batch = faultyQueue.receive(10, VISIBILITY);
      if (batch.isEmpty()) {
        Optional<Instant> next = queue.nextVisibleAt();
        if (next.isPresent()) {
          clock.advanceTo(next.get());
        } else if (!answerCallbacks()) {
          return true;
        }
        continue;
      }
      int container = 0;
      for (QueueMessage m : batch) {
        deliver(m, container);
        container = (container + 1) % containers.length;
      }
    }
    return false;
  }

  private void deliver(QueueMessage m, int container) {
    deliveries++;
    ledger.delivering(deliveries, describe(m));
    String ending = "crashed";
    plan.arm();
    try {
      if (!containers[container].stateAdvance().handle(m.body(), m.receiptHandle(), m.receiveCount(), budget)) {
        ending = "kept the message hidden";
        return;
      }
      ending = "logged its answers but crashed before deleting the message";
      faultyQueue.delete(m.receiptHandle());
      ending = "done";
    } catch (InjectedCrash crash) {
      crashes++;
      ending = "crashed (" + crash.getMessage() + ")";
      if (plan.nextInt(2) == 0) {
        containers[container] = newRuntime(ledger); // cold start: the warm cache is gone
      }
    } catch (StateAdvance.ConcurrentStep lost) {
      ending = "lost the race for the log (message left for redelivery)";
    } finally {
      plan.disarm();
      ledger.ended(ending);
    }
  }

  private static String describe(QueueMessage m) {
    com.fasterxml.jackson.databind.JsonNode body = dev.nestflow.core.json.Json.parse(m.body());
    if (body.has("invoke")) {
      String arn = body.path("arn").asText();
      return "invoke " + body.path("invoke").asText() + "@" + body.path("seq").asLong() + " of "
          + arn.substring(arn.lastIndexOf(':') + 1) + ", receive " + m.receiveCount();
    }
    TransitionMessage message = TransitionMessage.fromJson(m.body());
    String arn = message.executionArn();
    return message.signalId() + " of " + arn.substring(arn.lastIndexOf(':') + 1) + ", receive " + m.receiveCount();
  }

  /** Another container takes one visible message and handles it now, before the caller's write. */
  private void concurrentStep() {
    if (inConcurrentStep) {
      return;
    }
    inConcurrentStep = true;
    try {
      for (QueueMessage m : queue.receive(1, VISIBILITY)) {
        deliver(m, 1);
      }
    } finally {
      inConcurrentStep = false;
    }
  }

  /** The outside worker answers every callback it has not answered yet; true when it answered one. */
  private boolean answerCallbacks() {
    boolean any = false;
    List<String> closed = List.copyOf(answered);
    for (Map.Entry<String, com.fasterxml.jackson.databind.JsonNode> c : new LinkedHashMap<>(workers.callbacks).entrySet()) {
      if (answered.contains(c.getKey())) {
        continue;
      }
      String output = Workload.Workers.answer(c.getValue());
      retried(() -> client.commands().sendTaskSuccess(c.getKey(), output));
      answered.add(c.getKey());
      any = true;
      if (plan.active() && plan.nextInt(3) == 0) {
        retried(() -> client.commands().sendTaskSuccess(c.getKey(), output)); // a duplicated answer
      }
    }
    if (plan.active() && !closed.isEmpty() && plan.nextInt(2) == 0) {
      // a late answer: its task was answered in an earlier round and has moved on
      String late = closed.get(plan.nextInt(closed.size()));
      retried(() -> client.commands().sendTaskFailure(late, "Late", "an answer after the task ended"));
    }
    return any;
  }

  /** A client call, made again after a crash (as an SDK retries); API errors are the answer. */
  private void retried(Runnable call) {
    while (true) {
      plan.arm();
      try {
        call.run();
        return;
      } catch (InjectedCrash crash) {
        crashes++;
      } catch (ApiException answer) {
        return;
      } finally {
        plan.disarm();
      }
    }
  }

  private Snapshot snapshot() {
    ExecutionRuntime reader = new ExecutionRuntime(store, queue, workers, clock, TOKENS);
    Map<String, List<String>> byMachine = new LinkedHashMap<>();
    Map<String, Snapshot.View> views = new LinkedHashMap<>();
    for (String machine : Workload.MACHINES) {
      List<String> arns = store.executions(machine).stream().map(ExecutionRecord::executionArn).sorted().toList();
      byMachine.put(machine, arns);
      for (String arn : arns) {
        Snapshot.View replayed = Snapshot.view(reader.commands().describe(arn).orElseThrow());
        String head = store.execution(arn).orElseThrow().status();
        // the head (what ListExecutions and DescribeExecution's status read) must agree with the log
        views.put(arn, head.equals(replayed.status()) ? replayed
            : new Snapshot.View("head " + head + ", log " + replayed.status(), replayed.output(), replayed.error(),
                replayed.cause(), replayed.history()));
      }
    }
    return new Snapshot(byMachine, views);
  }
}
