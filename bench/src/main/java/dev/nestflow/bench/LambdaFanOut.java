package dev.nestflow.bench;

import dev.nestflow.infrastructure.queue.InMemoryQueue;
import dev.nestflow.infrastructure.queue.MessageQueue;
import dev.nestflow.infrastructure.queue.QueueMessage;
import dev.nestflow.infrastructure.runtime.ExecutionRuntime;
import dev.nestflow.infrastructure.runtime.StateAdvance;
import dev.nestflow.infrastructure.runtime.TaskTokens;
import dev.nestflow.infrastructure.store.ExecutionRecord;
import dev.nestflow.infrastructure.store.InMemoryExecutionStore;
import dev.nestflow.infrastructure.store.StateMachineRecord;
import dev.nestflow.infrastructure.tasks.AwsLambdaFunctions;
import dev.nestflow.infrastructure.tasks.InvocationPool;
import dev.nestflow.infrastructure.tasks.LambdaIntegration;
import dev.nestflow.infrastructure.tasks.TaskIntegrations;
import dev.nestflow.infrastructure.tasks.TaskInvoker;
import dev.nestflow.infrastructure.tasks.LambdaInvokeClient;
import dev.nestflow.infrastructure.testing.FunctionServer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * Lambda tasks fanned out by a Map, each a real Invoke call (SigV4-signed, over HTTP) to a local
 * Invoke API whose function sleeps a while ({@code FunctionServer}), with the runtime over the
 * in-memory store and queue on wall-clock time. Counts the invocations the function saw (they must
 * equal the iterations) and the most that ran at once. Three ways to run the tasks a step starts:
 *
 * <ul>
 *   <li>{@code sequential}: one after another inside the step's call (the runtime before this work);
 *   <li>{@code concurrent}: at the same time inside the call, up to {@value InvocationPool#DEFAULT_LIMIT}
 *       per call and the Map's MaxConcurrency, each answer applied as it comes;
 *   <li>{@code runner}: as on AWS with the task runner: the state-advance calls have 60 s, so the
 *       tasks (no TimeoutSeconds: up to 15 minutes each) go to the task queue, where {@code
 *       RUNNERS} consumers (one message per call, as Lambda scales the runner out) run them.
 * </ul>
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.nestflow.bench.LambdaFanOut [modes] [items:maxConcurrency:taskMillis ...]
 * </pre>
 * Default: modes {@code concurrent,runner}; scenarios {@code 1000:0:100} and {@code 200:40:1000}.
 * Prints one line per run.
 */
public final class LambdaFanOut {
  static final String FUNCTION = "arn:aws:lambda:us-east-1:123456789012:function:Sleep";
  private static final String MACHINE = "arn:aws:states:us-east-1:123456789012:stateMachine:FanOut";
  /** Task-runner consumers: on AWS, as many runner instances as Lambda scales to. */
  static final int RUNNERS = 100;
  /** State-advance consumers. */
  static final int WORKERS = 2;

  /** One run: how long it took, what the function saw. */
  public record Result(String mode, int items, int maxConcurrency, long taskMillis, long wallMillis, int invocations,
      int mostAtOnce, String status) {
    @Override
    public String toString() {
      return String.format(Locale.ROOT,
          "{\"mode\":\"%s\",\"items\":%d,\"max_concurrency\":%d,\"task_ms\":%d,\"wall_ms\":%d,\"invocations\":%d,"
              + "\"most_at_once\":%d,\"status\":\"%s\"}",
          mode, items, maxConcurrency, taskMillis, wallMillis, invocations, mostAtOnce, status);
    }
  }

  private LambdaFanOut() {}

  public static void main(String[] args) throws InterruptedException {
    List<String> modes = List.of("concurrent", "runner");
    List<int[]> scenarios = new ArrayList<>();
    for (String arg : args) {
      if (arg.contains(":")) {
        String[] p = arg.split(":");
        scenarios.add(new int[] {Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2])});
      } else {
        modes = List.of(arg.split(","));
      }
    }
    if (scenarios.isEmpty()) {
      scenarios = List.of(new int[] {1000, 0, 100}, new int[] {200, 40, 1000});
    }
    for (int[] s : scenarios) {
      for (String mode : modes) {
        System.out.println(run(mode, s[0], s[1], s[2], Duration.ofMinutes(30)));
      }
    }
  }

  /** Runs a Map of {@code items} Lambda tasks of {@code taskMillis} each, until it ends or {@code timeout} passes. */
  public static Result run(String mode, int items, int maxConcurrency, long taskMillis, Duration timeout)
      throws InterruptedException {
    try (FunctionServer functions = FunctionServer.start().sleeping("Sleep", taskMillis);
        AwsLambdaFunctions lambda = AwsLambdaFunctions.over(new LambdaInvokeClient(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench")), Region.US_EAST_1,
            functions.endpoint()))) {
      Clock clock = Clock.systemUTC();
      InMemoryExecutionStore store = new InMemoryExecutionStore();
      InMemoryQueue transitions = new InMemoryQueue(clock);
      InMemoryQueue taskQueue = new InMemoryQueue(clock);
      TaskTokens tokens = TaskTokens.randomKey();
      TaskInvoker tasks = TaskIntegrations.builder().add(new LambdaIntegration(lambda)).build();
      InvocationPool pool = mode.equals("sequential") ? InvocationPool.direct() : InvocationPool.threads(InvocationPool.DEFAULT_LIMIT);
      ExecutionRuntime runtime = new ExecutionRuntime(store, transitions, taskQueue, tasks, pool, clock, tokens);
      store.putStateMachine(new StateMachineRecord(MACHINE, "FanOut", "STANDARD", definition(maxConcurrency),
          BenchCluster.ROLE, 0));
      Duration stepBudget = mode.equals("runner") ? Duration.ofSeconds(60) : null;

      long start = System.nanoTime();
      String arn = runtime.commands().startExecution(MACHINE, "fan-" + mode, input(items)).executionArn();
      AtomicBoolean done = new AtomicBoolean();
      List<Thread> threads = new ArrayList<>();
      for (int i = 0; i < WORKERS; i++) {
        threads.add(consumer(runtime.stateAdvance(), transitions, stepBudget, done, "state-advance-" + i));
      }
      if (mode.equals("runner")) {
        for (int i = 0; i < RUNNERS; i++) {
          // each runner is its own container: its own runtime (and cache) over the same store and queues
          ExecutionRuntime runner = new ExecutionRuntime(store, transitions, taskQueue, tasks, pool, clock, tokens);
          threads.add(consumer(runner.stateAdvance(), taskQueue, Duration.ofMinutes(15), done, "runner-" + i));
        }
      }
      threads.forEach(Thread::start);
      long deadline = System.nanoTime() + timeout.toNanos();
      String status = "RUNNING";
      while (System.nanoTime() < deadline) {
        status = store.execution(arn).map(ExecutionRecord::status).orElse("MISSING");
        if (!status.equals("RUNNING")) {
          break;
        }
        Thread.sleep(5);
      }
      long wall = Duration.ofNanos(System.nanoTime() - start).toMillis();
      done.set(true);
      for (Thread t : threads) {
        t.join(10_000);
      }
      return new Result(mode, items, maxConcurrency, taskMillis, wall, functions.invocations("Sleep"),
          functions.mostAtOnce(), status);
    }
  }

  /** A consumer like Lambda's SQS event source: receives a batch (1 message for the runner), handles, deletes. */
  private static Thread consumer(StateAdvance step, MessageQueue queue, Duration budget, AtomicBoolean done, String name) {
    int batchSize = name.startsWith("runner") ? 1 : 10;
    Thread t = new Thread(() -> {
      while (!done.get()) {
        List<QueueMessage> batch = queue.receive(batchSize, Duration.ofMinutes(20));
        if (batch.isEmpty()) {
          sleep(2);
          continue;
        }
        for (QueueMessage m : batch) {
          try {
            if (step.handle(m.body(), m.receiptHandle(), m.receiveCount(), budget)) {
              queue.delete(m.receiptHandle());
            }
          } catch (StateAdvance.ConcurrentStep raced) {
            queue.changeVisibility(m.receiptHandle(), Duration.ZERO); // another consumer won: try again now
          }
        }
      }
    }, name);
    t.setDaemon(true);
    return t;
  }

  static String definition(int maxConcurrency) {
    return """
        {"StartAt":"Each","States":{"Each":{"Type":"Map","MaxConcurrency":%d,"ItemProcessor":{"StartAt":"Call",
          "States":{"Call":{"Type":"Task","Resource":"%s","End":true}}},"End":true}}}"""
        .formatted(maxConcurrency, FUNCTION);
  }

  static String input(int items) {
    StringBuilder out = new StringBuilder("[");
    for (int i = 0; i < items; i++) {
      out.append(i == 0 ? "" : ",").append("{\"i\":").append(i).append('}');
    }
    return out.append(']').toString();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
