package dev.nestflow.bench;

import dev.nestflow.infrastructure.queue.InMemoryQueue;
import dev.nestflow.infrastructure.queue.MessageQueue;
import dev.nestflow.infrastructure.queue.QueueMessage;
import dev.nestflow.infrastructure.queue.SqsQueue;
import dev.nestflow.infrastructure.runtime.ExecutionRuntime;
import dev.nestflow.infrastructure.runtime.StateAdvance;
import dev.nestflow.infrastructure.runtime.TaskTokens;
import dev.nestflow.infrastructure.store.DynamoDbExecutionStore;
import dev.nestflow.infrastructure.store.ExecutionRecord;
import dev.nestflow.infrastructure.store.ExecutionStore;
import dev.nestflow.infrastructure.store.ForwardingExecutionStore;
import dev.nestflow.infrastructure.store.InMemoryExecutionStore;
import dev.nestflow.infrastructure.store.SignalEntry;
import dev.nestflow.infrastructure.store.StateMachineRecord;
import dev.nestflow.infrastructure.store.TokenRecord;
import dev.nestflow.infrastructure.tasks.TaskInvoker;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The queue/store runtime on wall-clock time, with state-advance workers that play the Lambda:
 * receive up to 10 messages, apply each, delete it. Either in memory (embedded adapters) or on
 * DynamoDB and SQS (moto_server), with every AWS request counted. The store records when each
 * execution completed, for latency.
 */
public final class BenchCluster {
  public static final String ROLE = "arn:aws:iam::123456789012:role/nestflow-bench";
  private static final AtomicLong NAMES = new AtomicLong();

  private final ExecutionStore store;
  private final MessageQueue queue;
  private final ExecutionRuntime runtime;
  private final Map<String, Long> completedNanos = new ConcurrentHashMap<>();
  private final LongAdder batches = new LongAdder();
  private final LongAdder busyNanos = new LongAdder();
  private final LongAdder messages = new LongAdder();
  private final LongAdder failures = new LongAdder();
  /** Long enough that a slow emulator never redelivers a message still being applied. */
  private static final Duration VISIBILITY = Duration.ofMinutes(5);

  private BenchCluster(ExecutionStore store, MessageQueue queue, TaskInvoker tasks) {
    this.store = new Recording(store);
    this.queue = queue;
    this.runtime = new ExecutionRuntime(this.store, queue, tasks, Clock.systemUTC(), TaskTokens.randomKey());
  }

  public static BenchCluster embedded(TaskInvoker tasks) {
    return new BenchCluster(new InMemoryExecutionStore(), new InMemoryQueue(Clock.systemUTC()), tasks);
  }

  public static BenchCluster onAws(java.net.URI endpoint, RequestCounter counter, TaskInvoker tasks) {
    StaticCredentialsProvider creds = StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
    ClientOverrideConfiguration config = ClientOverrideConfiguration.builder().addExecutionInterceptor(counter).build();
    DynamoDbClient dynamo = DynamoDbClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
        .credentialsProvider(creds).httpClientBuilder(UrlConnectionHttpClient.builder()).overrideConfiguration(config).build();
    SqsClient sqs = SqsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
        .credentialsProvider(creds).httpClientBuilder(UrlConnectionHttpClient.builder()).overrideConfiguration(config).build();
    String suffix = Long.toString(System.nanoTime(), 36);
    DynamoDbExecutionStore.createTable(dynamo, "nestflow-bench-" + suffix);
    String url = SqsQueue.createQueue(sqs, "nestflow-bench-" + suffix);
    counter.reset();
    return new BenchCluster(new DynamoDbExecutionStore(dynamo, "nestflow-bench-" + suffix), new SqsQueue(sqs, url), tasks);
  }

  public ExecutionRuntime runtime() {
    return runtime;
  }

  public ExecutionStore store() {
    return store;
  }

  public String register(String name, String definition) {
    String arn = "arn:aws:states:us-east-1:123456789012:stateMachine:" + name;
    store.putStateMachine(new StateMachineRecord(arn, name, "STANDARD", definition, ROLE, System.currentTimeMillis()));
    return arn;
  }

  public static String uniqueName(String prefix) {
    return prefix + "-" + NAMES.incrementAndGet();
  }

  /** Nanosecond time ({@link System#nanoTime}) at which the execution was recorded as finished, if it was. */
  public Optional<Long> completedAt(String executionArn) {
    return Optional.ofNullable(completedNanos.get(executionArn));
  }

  /**
   * Runs {@code workers} state-advance workers until every execution in {@code arns} has finished
   * (or {@code timeout} passes). Returns whether all finished.
   */
  public boolean runUntilDone(List<String> arns, int workers, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<Thread> threads = new ArrayList<>();
    java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
    for (int i = 0; i < workers; i++) {
      Thread t = new Thread(() -> {
        while (!stop.get()) {
          if (pollOnce() == 0) {
            java.util.concurrent.locks.LockSupport.parkNanos(50_000); // an idle worker does not spin
          }
        }
      }, "state-advance-" + i);
      t.start();
      threads.add(t);
    }
    boolean done = false;
    while (System.nanoTime() < deadline) {
      done = arns.stream().allMatch(completedNanos::containsKey);
      if (done) {
        break;
      }
      Thread.sleep(2);
    }
    stop.set(true);
    for (Thread t : threads) {
      t.join();
    }
    return done;
  }

  /** One Lambda invocation's worth: receive a batch, apply and delete each message. */
  public int pollOnce() {
    List<QueueMessage> batch = queue.receive(10, VISIBILITY);
    if (batch.isEmpty()) {
      return 0;
    }
    long t = System.nanoTime();
    for (QueueMessage m : batch) {
      try {
        if (runtime.stateAdvance().handle(m.body(), m.receiptHandle(), m.receiveCount())) {
          queue.delete(m.receiptHandle());
        }
      } catch (StateAdvance.ConcurrentStep e) {
        // another step won: make the message visible again at once rather than after the visibility timeout
        queue.changeVisibility(m.receiptHandle(), Duration.ZERO);
      } catch (RuntimeException e) {
        // as the Lambda reports a batch item failure: the message comes back after its visibility timeout
        failures.increment();
      }
      messages.increment();
    }
    busyNanos.add(System.nanoTime() - t);
    batches.increment();
    return batch.size();
  }

  /** State-advance invocations (received batches), messages applied, seconds spent applying them, messages that failed. */
  public record Work(long invocations, long messages, double busySeconds, long failures) {}

  public Work work() {
    return new Work(batches.sum(), messages.sum(), busyNanos.sum() / 1e9, failures.sum());
  }

  public void resetWork() {
    batches.reset();
    messages.reset();
    busyNanos.reset();
    failures.reset();
  }

  /** The store, recording when an append finishes an execution. */
  private final class Recording extends ForwardingExecutionStore {
    Recording(ExecutionStore inner) {
      super(inner);
    }

    @Override
    public boolean end(ExecutionRecord ended) {
      boolean ok = delegate.end(ended);
      if (ok) {
        completedNanos.putIfAbsent(ended.executionArn(), System.nanoTime());
      }
      return ok;
    }
  }
}
