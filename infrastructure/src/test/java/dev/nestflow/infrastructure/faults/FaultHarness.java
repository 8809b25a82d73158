package dev.nestflow.infrastructure.faults;

import dev.nestflow.core.interpreter.ExecutionResult;
import dev.nestflow.infrastructure.api.ApiContext;
import dev.nestflow.infrastructure.api.InMemoryApiCatalog;
import dev.nestflow.infrastructure.api.SfnApi;
import dev.nestflow.infrastructure.embedded.VirtualClock;
import dev.nestflow.infrastructure.keys.Key;
import dev.nestflow.infrastructure.keys.Keyring;
import dev.nestflow.infrastructure.queue.InMemoryQueue;
import dev.nestflow.infrastructure.queue.MessageSeal;
import dev.nestflow.infrastructure.queue.QueueMessage;
import dev.nestflow.infrastructure.queue.SignedQueue;
import dev.nestflow.infrastructure.runtime.ApiException;
import dev.nestflow.infrastructure.runtime.ExecutionRuntime;
import dev.nestflow.infrastructure.runtime.StateAdvance;
import dev.nestflow.infrastructure.runtime.TaskTokens;
import dev.nestflow.infrastructure.runtime.TransitionMessage;
import dev.nestflow.infrastructure.store.ExecutionRecord;
import dev.nestflow.infrastructure.store.InMemoryExecutionStore;
import dev.nestflow.infrastructure.tasks.TaskInvoker;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;

/**
 * Plays the state-advance Lambda over fault-injecting adapters: receives transition messages,
 * hands each to {@link StateAdvance#handle} on one of two "containers" and deletes it on
 * success; a crashed handler leaves its message to come back after the visibility timeout (and
 * its container is sometimes replaced, a cold start). Between conditional writes another container
 * may step in. When the queue is idle, an outside worker answers the callback tokens it was handed
 * (with duplicated and late answers when faults are on). Everything runs on a virtual clock.
 *
 * <p>As deployed, messages are signed ({@link SignedQueue}: forged ones are refused, logged and
 * deleted), the queue has a redrive policy (a message received more than {@link #MAX_RECEIVES}
 * times goes to the dead-letter queue with the reason its last handler logged), and the store
 * refuses items over 400 KB. When the queue is drained, the poisoned function is cured and the
 * dead-letter queue redriven, as an operator would after a fix, until nothing is left.
 */
final class FaultHarness {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  static final Duration VISIBILITY = Duration.ofSeconds(30);
  /** The transitions queue's maxReceiveCount (template.yaml). */
  static final int MAX_RECEIVES = 5;
  /**
   * The maxReceiveCount of the seeded mix: it fails about one call in twelve, far more often than
   * production, so that a healthy message would fail 5 times in a row now and then and reach the
   * dead-letter queue (where, if it was a step that invoked a callback task, the callback's answer
   * can be recorded before the TaskSubmitted, which it then lacks).
   */
  static final int MIX_RECEIVES = 8;
  private static final int MAX_DELIVERIES = 50_000;
  private static final int REDRIVES = 5;
  private static final byte[] KEY = "fault-injection-harness-key-0001".getBytes(StandardCharsets.UTF_8);
  private static final TaskTokens TOKENS = new TaskTokens(KEY);

  /**
   * How a run ended: the end state of every execution, the faults injected, the handler calls made,
   * the task invocations (per attempt, with every one beyond the first explained), what reached the
   * dead-letter queue, the forged messages made and refused, the handler failures nobody planned
   * (a bug, unless the runtime is right to fail), and what is wrong whatever the other run did
   * (an execution still running, a dead letter left, a history that goes back in time).
   */
  record Outcome(Snapshot snapshot, Map<FaultKind, Integer> faults, int deliveries, int crashes, boolean quiesced,
      InvocationLedger.Counts invocations, List<RedrivePolicyQueue.DeadLetter> deadLettered, int forged, List<String> refused,
      List<String> unexpectedFailures, List<String> wrong, List<String> deadLettersNotShown) {}

  private final long seed;
  private final FaultPlan plan;
  private final VirtualClock clock = new VirtualClock(T0);
  private final InMemoryExecutionStore store = new InMemoryExecutionStore();
  private final InMemoryQueue queue = new InMemoryQueue(clock);
  private final RedrivePolicyQueue redrivePolicy;
  private final int maxReceives;
  private final FaultyExecutionStore faultyStore;
  private final Forger forger = new Forger(Key.fixed(KEY).id());
  private final List<String> refused = new ArrayList<>();
  private final SignedQueue signed;
  private final Workload.Workers workers;
  private final InvocationLedger ledger;
  private final ExecutionRuntime[] containers = new ExecutionRuntime[2];
  private final ExecutionRuntime client;
  private final List<String> answered = new ArrayList<>();
  private final List<String> unexpected = new ArrayList<>();
  /**
   * Messages whose failure on their last receive was recorded on their execution. Recording is best
   * effort: the store call may fail as well, a crash or a timeout records nothing, and a message of a
   * batch whose function timed out was received without being handled.
   */
  private final java.util.Set<String> recorded = new java.util.HashSet<>();
  private final Duration budget;
  /** The messages being handled, innermost first (deliveries nest when another handler steps in). */
  private final Deque<QueueMessage> inFlight = new ArrayDeque<>();
  private final Deque<Integer> onContainer = new ArrayDeque<>();
  private boolean inConcurrentStep;
  private boolean inSlowStep;
  private int deliveries;
  private int crashes;

  FaultHarness(long seed, double rate) {
    this(seed, rate, null);
  }

  FaultHarness(long seed, double rate, Duration budget) {
    this(seed, new FaultPlan(seed, rate), budget, MIX_RECEIVES);
  }

  /**
   * @param maxReceives the queue's maxReceiveCount (its redrive policy)
   * @param budget each handler call's time (null: unlimited). With a budget, the workload's Lambda
   *     tasks (no TimeoutSeconds, no known function timeout: they may run 15 minutes) do not fit a
   *     call and travel as invoke messages on the same queue, which the containers run.
   */
  FaultHarness(long seed, FaultPlan plan, Duration budget, int maxReceives) {
    this.seed = seed;
    this.redrivePolicy = new RedrivePolicyQueue(queue, maxReceives);
    this.maxReceives = maxReceives;
    this.budget = budget;
    this.plan = plan;
    this.faultyStore = new FaultyExecutionStore(store, plan, this::concurrentStep, this::slowStep);
    FaultyMessageQueue faultyQueue = new FaultyMessageQueue(redrivePolicy, plan, this::slowStep, forger);
    this.signed = new SignedQueue(faultyQueue, new MessageSeal(Keyring.of(Key.fixed(KEY))), refused::add);
    this.workers = new Workload.Workers(this::client);
    this.ledger = new InvocationLedger(workers, store, plan);
    this.client = newRuntime(ledger);
    for (int i = 0; i < containers.length; i++) {
      containers[i] = newRuntime(ledger);
    }
    Workload.register(store);
  }

  private ExecutionRuntime client() {
    return client;
  }

  /** A new container: its own cache, and its own clock, which may be a little off. */
  private ExecutionRuntime newRuntime(TaskInvoker tasks) {
    Duration skew = plan.skew();
    Clock own = skew.isZero() ? clock : Clock.offset(clock, skew);
    return new ExecutionRuntime(faultyStore, signed, tasks, own, TOKENS);
  }

  Outcome run() {
    for (Workload.Start start : Workload.starts(seed)) {
      retried(() -> client.commands().startExecution(start.machine(), start.name(), start.input()));
    }
    boolean quiesced = drain();
    List<String> unshown = new ArrayList<>();
    for (RedrivePolicyQueue.DeadLetter dead : redrivePolicy.deadLetters()) {
      if (dead.reason() != null && dead.reason().contains(Workload.POISON) && recorded.contains(dead.messageId())) {
        String why = shownAsDeadLettered(dead);
        if (why != null) {
          unshown.add(why);
        }
      }
    }
    for (int round = 0; quiesced && round < REDRIVES && !redrivePolicy.deadLetters().isEmpty(); round++) {
      workers.cure(); // the operator fixed the function, then redrives the dead-letter queue
      redrivePolicy.redrive();
      quiesced = drain();
    }
    Snapshot snapshot = snapshot();
    List<String> wrong = new ArrayList<>(snapshot.insane());
    redrivePolicy.deadLetters().forEach(d -> wrong.add("left in the dead-letter queue: " + d));
    snapshot.executions().forEach((arn, view) -> {
      if (!view.status().equals("SUCCEEDED") && !view.status().equals("FAILED")) {
        wrong.add(arn + " ended " + view.status());
      }
    });
    return new Outcome(snapshot, plan.injected(), deliveries, crashes, quiesced, ledger.counts(),
        redrivePolicy.everDeadLettered(), forger.forged(), List.copyOf(refused), List.copyOf(unexpected), wrong, unshown);
  }

  /**
   * Whether DescribeExecution of the dead letter's execution shows that it is stuck (RUNNING, with
   * an error and a cause that names the dead-letter queue and the reason): null when it does, else
   * what it shows. Asked of the poisoned messages whose failure on their last receive was recorded
   * (see {@link #recorded}).
   */
  private String shownAsDeadLettered(RedrivePolicyQueue.DeadLetter dead) {
    String arn = dev.nestflow.core.json.Json.parse(dead.body()).path("arn").asText();
    ExecutionRuntime reader = new ExecutionRuntime(store, queue, workers, clock, TOKENS);
    SfnApi api = new SfnApi(new ApiContext(reader.commands(), queue, new InMemoryApiCatalog(), "us-east-1", "123456789012",
        clock, ApiContext.EXPRESS_LIMIT), line -> {});
    SfnApi.Response response = api.handle(SfnApi.TARGET_PREFIX + "DescribeExecution",
        ("{\"executionArn\":\"" + arn + "\"}").getBytes(StandardCharsets.UTF_8));
    com.fasterxml.jackson.databind.JsonNode described = dev.nestflow.core.json.Json.parse(response.body());
    boolean shown = described.path("status").asText().equals("RUNNING") && described.path("error").isTextual()
        && described.path("cause").asText().contains("dead-letter queue") && described.path("cause").asText().contains(Workload.POISON);
    return shown ? null : arn + " (dead-lettered: " + dead.reason() + ") is described as " + response.body();
  }

  /** Runs until nothing is left to do; false when it gave up (a livelock). */
  private boolean drain() {
    while (deliveries < MAX_DELIVERIES) {
      List<QueueMessage> batch = signed.receive(10, VISIBILITY);
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
        if (!deliver(m, container)) {
          break; // the function timed out: the rest of the batch comes back after the visibility timeout
        }
        container = (container + 1) % containers.length;
      }
    }
    return false;
  }

  /** Handles one message on one container; false when the function timed out doing it. */
  private boolean deliver(QueueMessage m, int container) {
    deliveries++;
    ledger.delivering(deliveries, describe(m));
    String ending = "crashed";
    plan.arm();
    plan.enterDelivery();
    inFlight.push(m);
    onContainer.push(container);
    try {
      if (!containers[container].stateAdvance().handle(m.body(), m.receiptHandle(), m.receiveCount(), budget)) {
        ending = "kept the message hidden";
        return true;
      }
      ending = "logged its answers but crashed before deleting the message";
      signed.delete(m.receiptHandle());
      ending = "done";
      return true;
    } catch (InjectedCrash crash) {
      crashes++;
      ending = "crashed (" + crash.getMessage() + ")";
      redrivePolicy.failed(m.messageId(), ending);
      if (crash.kind() == FaultKind.LAMBDA_TIMEOUT || plan.nextInt(2) == 0) {
        containers[container] = newRuntime(ledger); // cold start: the warm cache is gone
      }
      return crash.kind() != FaultKind.LAMBDA_TIMEOUT;
    } catch (StateAdvance.ConcurrentStep lost) {
      ending = "lost the race for the log (message left for redelivery)";
      return true;
    } catch (RuntimeException failed) {
      // what the state-advance function does with any other failure: log it, leave the message
      ending = "failed (" + failed + ")";
      redrivePolicy.failed(m.messageId(), String.valueOf(failed));
      if (m.receiveCount() >= maxReceives) {
        // as the state-advance function does on the last receive: the execution says it is stuck
        if (containers[container].commands().recordDeadLetter(m.body(), m.receiveCount(), String.valueOf(failed))) {
          recorded.add(m.messageId());
        }
      }
      if (!(failed instanceof ProvisionedThroughputExceededException) && !String.valueOf(failed).contains(Workload.POISON)) {
        unexpected.add(describe(m) + ": " + failed);
      }
      return true;
    } finally {
      onContainer.pop();
      inFlight.pop();
      plan.exitDelivery();
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
      for (QueueMessage m : signed.receive(1, VISIBILITY)) {
        deliver(m, 1);
      }
    } finally {
      inConcurrentStep = false;
    }
  }

  /**
   * The running handler has outlasted its message's visibility timeout: the queue delivers the
   * message again (receive count one more; here with the same receipt handle, which deletes it as
   * the new one would), and that delivery is handled to the end, on the same container (sharing its
   * cache) or on the other one, before the first handling goes on with its call.
   */
  private void slowStep() {
    if (inSlowStep || inFlight.isEmpty()) {
      return;
    }
    inSlowStep = true;
    try {
      QueueMessage m = inFlight.peek();
      clock.advance(VISIBILITY);
      int container = plan.nextInt(2) == 0 ? onContainer.peek() : 1 - onContainer.peek();
      deliver(new QueueMessage(m.messageId(), m.receiptHandle(), m.body(), m.receiveCount() + 1), container);
    } finally {
      inSlowStep = false;
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

  /** A client call, made again after a crash or a throttled call (as an SDK retries); API errors are the answer. */
  private void retried(Runnable call) {
    while (true) {
      plan.arm();
      try {
        call.run();
        return;
      } catch (InjectedCrash | ProvisionedThroughputExceededException crash) {
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
    List<String> insane = new ArrayList<>();
    for (String machine : Workload.MACHINES) {
      List<String> arns = store.executions(machine).stream().map(ExecutionRecord::executionArn).sorted().toList();
      byMachine.put(machine, arns);
      for (String arn : arns) {
        ExecutionResult result = reader.commands().describe(arn).orElseThrow();
        insane.addAll(Snapshot.insanities(arn, result, Workload.WAIT_SECONDS));
        Snapshot.View replayed = Snapshot.view(result);
        ExecutionRecord head = store.execution(arn).orElseThrow();
        if (head.stopMillis() != null && head.stopMillis() < head.startMillis()) {
          insane.add(arn + ": stopped (" + head.stopMillis() + ") before it started (" + head.startMillis() + ")");
        }
        // the head (what ListExecutions and DescribeExecution's status read) must agree with the log
        views.put(arn, head.status().equals(replayed.status()) ? replayed
            : new Snapshot.View("head " + head.status() + ", log " + replayed.status(), replayed.output(), replayed.error(),
                replayed.cause(), replayed.history()));
      }
    }
    return new Snapshot(byMachine, views, insane);
  }
}
