package dev.nestflow.infrastructure.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nestflow.core.interpreter.ExecutionResult;
import dev.nestflow.core.json.Json;
import dev.nestflow.infrastructure.queue.InMemoryQueue;
import dev.nestflow.infrastructure.queue.QueueMessage;
import dev.nestflow.infrastructure.store.InMemoryExecutionStore;
import dev.nestflow.infrastructure.store.StateMachineRecord;
import dev.nestflow.infrastructure.tasks.InvocationPool;
import dev.nestflow.infrastructure.tasks.TaskInvoker;
import dev.nestflow.infrastructure.tasks.TaskOutcome;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The tasks one step starts run at the same time (bounded by the Map's MaxConcurrency and the
 * call's pool), each answer applied as it comes; a Lambda task that might outlast the call goes to
 * the task queue as an invoke message, which another consumer runs once.
 */
class ConcurrentTasksTest {
  private static final String SM = "arn:aws:states:us-east-1:123456789012:stateMachine:Fan";
  private static final String FN = "arn:aws:lambda:us-east-1:123456789012:function:Work";

  private final Clock clock = Clock.systemUTC();
  private final InMemoryExecutionStore store = new InMemoryExecutionStore();
  private final InMemoryQueue transitions = new InMemoryQueue(clock);
  private final InMemoryQueue taskQueue = new InMemoryQueue(clock);
  private final TaskTokens tokens = TaskTokens.randomKey();
  private final AtomicInteger running = new AtomicInteger();
  private final AtomicInteger mostAtOnce = new AtomicInteger();
  private final Map<String, AtomicInteger> invocations = new ConcurrentHashMap<>();

  /** Sleeps {@code millis}, returns its input doubled; counts calls per task and how many overlap. */
  private TaskInvoker work(long millis) {
    return request -> {
      invocations.computeIfAbsent(request.executionArn() + " " + request.taskKey(), k -> new AtomicInteger()).incrementAndGet();
      mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
      try {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        running.decrementAndGet();
      }
      return new TaskOutcome.Succeeded(Json.NODES.numberNode(request.input().asInt() * 2));
    };
  }

  private String machine(String maxConcurrency, String timeout) {
    store.putStateMachine(new StateMachineRecord(SM, "Fan", "STANDARD", """
        {"StartAt":"Each","States":{"Each":{"Type":"Map","MaxConcurrency":%s,"ItemProcessor":{"StartAt":"Work",
          "States":{"Work":{"Type":"Task","Resource":"%s"%s,"End":true}}},"End":true}}}"""
        .formatted(maxConcurrency, FN, timeout), "arn:aws:iam::123456789012:role/r", 0));
    return SM;
  }

  private static String items(int n) {
    StringBuilder out = new StringBuilder("[");
    for (int i = 0; i < n; i++) {
      out.append(i == 0 ? "" : ",").append(i);
    }
    return out.append("]").toString();
  }

  /** Handles every message of {@code queue} with {@code runtime} (and {@code budget}) until none is left. */
  private static int drain(InMemoryQueue queue, ExecutionRuntime runtime, Duration budget) {
    int handled = 0;
    for (List<QueueMessage> batch = queue.receive(10, Duration.ofMinutes(5)); !batch.isEmpty();
        batch = queue.receive(10, Duration.ofMinutes(5))) {
      for (QueueMessage m : batch) {
        if (runtime.stateAdvance().handle(m.body(), m.receiptHandle(), m.receiveCount(), budget)) {
          queue.delete(m.receiptHandle());
        }
        handled++;
      }
    }
    return handled;
  }

  private ExecutionRuntime runtime(TaskInvoker tasks, int limit) {
    return new ExecutionRuntime(store, transitions, taskQueue, tasks, InvocationPool.threads(limit), clock, tokens);
  }

  /** A runtime that knows every function's configured timeout is {@code timeout}. */
  private ExecutionRuntime runtime(TaskInvoker tasks, Duration timeout) {
    return new ExecutionRuntime(store, transitions, taskQueue, tasks, (resource, input) -> Optional.of(timeout),
        InvocationPool.threads(64), clock, tokens);
  }

  private int totalInvocations() {
    return invocations.values().stream().mapToInt(AtomicInteger::get).sum();
  }

  @Test
  void aMapWithMaxConcurrency40RunsItsTasks40AtATime() {
    ExecutionRuntime runtime = runtime(work(200), 64);
    String arn = runtime.commands().startExecution(machine("40", ""), "wide", items(80)).executionArn();

    long start = System.nanoTime();
    drain(transitions, runtime, null);
    long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();

    ExecutionResult result = runtime.commands().describe(arn).orElseThrow();
    assertThat(result.status()).isEqualTo("SUCCEEDED");
    assertThat(result.output().size()).isEqualTo(80);
    assertThat(result.output().get(79).asInt()).isEqualTo(158);
    assertThat(totalInvocations()).isEqualTo(80);
    assertThat(invocations.values()).allSatisfy(n -> assertThat(n.get()).isOne());
    assertThat(mostAtOnce.get()).isEqualTo(40);
    assertThat(millis).as("two rounds of 200 ms, not 80").isLessThan(80 * 200 / 4);
  }

  @Test
  void aFinishedTaskMakesRoomForTheNextIterationAtOnce() {
    ExecutionRuntime runtime = runtime(work(50), 64);
    String arn = runtime.commands().startExecution(machine("5", ""), "narrow", items(30)).executionArn();

    drain(transitions, runtime, null);

    assertThat(runtime.commands().describe(arn).orElseThrow().status()).isEqualTo("SUCCEEDED");
    assertThat(totalInvocations()).isEqualTo(30);
    assertThat(mostAtOnce.get()).isEqualTo(5);
  }

  @Test
  void theCallsPoolBoundsAnUnboundedMap() {
    ExecutionRuntime runtime = runtime(work(20), 8);
    String arn = runtime.commands().startExecution(machine("0", ""), "unbounded", items(100)).executionArn();

    drain(transitions, runtime, null);

    assertThat(runtime.commands().describe(arn).orElseThrow().status()).isEqualTo("SUCCEEDED");
    assertThat(totalInvocations()).isEqualTo(100);
    assertThat(mostAtOnce.get()).isEqualTo(8);
  }

  @Test
  void lambdaTasksThatMightOutlastTheCallAreRunOnceFromTheTaskQueue() {
    ExecutionRuntime advance = runtime(work(10), 64);
    String arn = advance.commands().startExecution(machine("0", ""), "long", items(20)).executionArn();

    drain(transitions, advance, Duration.ofSeconds(60));
    assertThat(totalInvocations()).as("without TimeoutSeconds a task may run 15 minutes: not in a 60 s call").isZero();
    assertThat(taskQueue.size()).isEqualTo(20);

    ExecutionRuntime runner = runtime(work(10), 64);
    drain(taskQueue, runner, Duration.ofMinutes(15));
    drain(transitions, advance, Duration.ofSeconds(60));

    ExecutionResult result = advance.commands().describe(arn).orElseThrow();
    assertThat(result.status()).isEqualTo("SUCCEEDED");
    assertThat(result.output().get(19).asInt()).isEqualTo(38);
    assertThat(totalInvocations()).isEqualTo(20);
    assertThat(invocations.values()).allSatisfy(n -> assertThat(n.get()).isOne());
  }

  @Test
  void aRedeliveredInvokeMessageDoesNotRunATaskWhoseAnswerIsLogged() {
    ExecutionRuntime advance = runtime(work(1), 64);
    String arn = advance.commands().startExecution(machine("0", ""), "again", items(3)).executionArn();
    drain(transitions, advance, Duration.ofSeconds(60));
    List<QueueMessage> invokes = taskQueue.receive(10, Duration.ofMinutes(5));
    assertThat(invokes).hasSize(3);

    ExecutionRuntime runner = runtime(work(1), 64);
    for (QueueMessage m : invokes) {
      runner.stateAdvance().handle(m.body(), m.receiptHandle(), m.receiveCount(), Duration.ofMinutes(15));
    }
    drain(transitions, advance, Duration.ofSeconds(60)); // the runner sent the answers: they are applied
    for (QueueMessage m : invokes) {
      // delivered again after the visibility timeout (the runner died before deleting them), to a cold container
      runtime(work(1), 64).stateAdvance().handle(m.body(), m.receiptHandle(), m.receiveCount() + 1, Duration.ofMinutes(15));
    }
    drain(transitions, advance, Duration.ofSeconds(60));

    assertThat(advance.commands().describe(arn).orElseThrow().status()).isEqualTo("SUCCEEDED");
    assertThat(totalInvocations()).isEqualTo(3);
  }

  @Test
  void aLambdaTaskWhoseTimeoutFitsTheCallRunsInIt() {
    ExecutionRuntime advance = runtime(work(10), 64);
    String arn = advance.commands().startExecution(machine("0", ",\"TimeoutSeconds\":10"), "short", items(4)).executionArn();

    drain(transitions, advance, Duration.ofSeconds(60));

    assertThat(taskQueue.size()).isZero();
    assertThat(advance.commands().describe(arn).orElseThrow().status()).isEqualTo("SUCCEEDED");
    assertThat(totalInvocations()).isEqualTo(4);
  }

  @Test
  void aTaskWhoseInputIsTooLargeForTheMessageIsFoundInTheLog() {
    store.putStateMachine(new StateMachineRecord(SM, "Fan", "STANDARD", """
        {"StartAt":"Big","States":{"Big":{"Type":"Task","Resource":"%s","End":true}}}""".formatted(FN),
        "arn:aws:iam::123456789012:role/r", 0));
    TaskInvoker echo = request -> {
      invocations.computeIfAbsent(request.taskKey(), k -> new AtomicInteger()).incrementAndGet();
      return new TaskOutcome.Succeeded(Json.NODES.numberNode(request.input().get("text").asText().length()));
    };
    ExecutionRuntime advance = runtime(echo, 4);
    String text = "x".repeat(InvokeMessage.LARGEST_INPUT + 10);
    String arn = advance.commands().startExecution(SM, "big", "{\"text\":\"" + text + "\"}").executionArn();

    drain(transitions, advance, Duration.ofSeconds(60));
    List<QueueMessage> invoke = taskQueue.receive(10, Duration.ofMinutes(5));
    assertThat(invoke).hasSize(1);
    assertThat(invoke.get(0).body().length()).isLessThan(1000);
    runtime(echo, 4).stateAdvance().handle(invoke.get(0).body(), invoke.get(0).receiptHandle(), 1, Duration.ofMinutes(15));
    drain(transitions, advance, Duration.ofSeconds(60));

    ExecutionResult result = advance.commands().describe(arn).orElseThrow();
    assertThat(result.status()).isEqualTo("SUCCEEDED");
    assertThat(result.output().asInt()).isEqualTo(text.length());
    assertThat(totalInvocations()).isOne();
  }

  @Test
  void aFunctionWhoseConfiguredTimeoutFitsTheCallRunsInItWithoutTimeoutSeconds() {
    ExecutionRuntime advance = runtime(work(10), Duration.ofSeconds(30));
    String arn = advance.commands().startExecution(machine("0", ""), "known", items(5)).executionArn();

    drain(transitions, advance, Duration.ofSeconds(60));

    assertThat(taskQueue.size()).isZero();
    assertThat(advance.commands().describe(arn).orElseThrow().status()).isEqualTo("SUCCEEDED");
    assertThat(totalInvocations()).isEqualTo(5);
  }

  @Test
  void aFunctionConfiguredToRunFifteenMinutesGoesToTheTaskQueue() {
    ExecutionRuntime advance = runtime(work(10), Duration.ofMinutes(15));
    advance.commands().startExecution(machine("0", ""), "slow", items(5));

    drain(transitions, advance, Duration.ofSeconds(60));

    assertThat(taskQueue.size()).isEqualTo(5);
    assertThat(totalInvocations()).isZero();
  }
}
