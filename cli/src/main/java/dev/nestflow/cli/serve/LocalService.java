package dev.nestflow.cli.serve;

import dev.nestflow.cli.graph.ApiCalls;
import dev.nestflow.console.web.ConsolePages;
import dev.nestflow.infrastructure.api.ApiCatalog;
import dev.nestflow.infrastructure.api.ApiContext;
import dev.nestflow.infrastructure.api.DynamoDbApiCatalog;
import dev.nestflow.infrastructure.api.InMemoryApiCatalog;
import dev.nestflow.infrastructure.api.SfnApi;
import dev.nestflow.infrastructure.mocks.MockedTasks;
import dev.nestflow.infrastructure.queue.DeadLetterQueue;
import dev.nestflow.infrastructure.queue.InMemoryQueue;
import dev.nestflow.infrastructure.keys.Key;
import dev.nestflow.infrastructure.keys.Keyring;
import dev.nestflow.infrastructure.queue.MessageQueue;
import dev.nestflow.infrastructure.queue.MessageSeal;
import dev.nestflow.infrastructure.queue.SignedQueue;
import dev.nestflow.infrastructure.queue.SqsQueue;
import dev.nestflow.infrastructure.tasks.TaskDurations;
import dev.nestflow.infrastructure.runtime.ExecutionRuntime;
import dev.nestflow.infrastructure.runtime.TaskTokens;
import dev.nestflow.infrastructure.store.DynamoDbExecutionStore;
import dev.nestflow.infrastructure.store.ExecutionStore;
import dev.nestflow.infrastructure.store.InMemoryExecutionStore;
import dev.nestflow.infrastructure.store.Retention;
import dev.nestflow.cli.tasks.LocalTasks;
import dev.nestflow.infrastructure.tasks.AwsCredentials;
import dev.nestflow.infrastructure.tasks.InvocationPool;
import dev.nestflow.infrastructure.tasks.TaskInvoker;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * {@code nestflow serve}: the Step Functions API on a local port over the same runtime the Lambda
 * runs, on the real clock. Store and queue are in memory unless an endpoint for DynamoDB or SQS
 * (real or emulated) is given; tasks run as {@link LocalTasks} composes them (Lambda endpoint, Java
 * handlers, services in memory or through the AWS SDK); background loops apply the transitions.
 */
public final class LocalService implements AutoCloseable {
  /**
   * @param tokenKey the task-token key (at least 16 bytes); null for a random one (tokens then
   *     die with the process)
   * @param retention how long closed executions stay (in memory or in the table)
   */
  public record Options(
      String host, int port, String region, String account, URI dynamoDbEndpoint, String table,
      URI sqsEndpoint, String queueName, LocalTasks tasks, String tokenKey, int workers, Retention retention) {

    /** Options with the default retention (90 days after close). */
    public Options(String host, int port, String region, String account, URI dynamoDbEndpoint, String table,
        URI sqsEndpoint, String queueName, LocalTasks tasks, String tokenKey, int workers) {
      this(host, port, region, account, dynamoDbEndpoint, table, sqsEndpoint, queueName, tasks, tokenKey, workers,
          Retention.DEFAULT);
    }

    public static Options defaults() {
      return new Options("127.0.0.1", 8083, "us-east-1", "123456789012", null, "nestflow", null,
          "nestflow-transitions", LocalTasks.defaults(), null, 4);
    }

    public Options withPort(int newPort) {
      return new Options(host, newPort, region, account, dynamoDbEndpoint, table, sqsEndpoint, queueName,
          tasks, tokenKey, workers, retention);
    }

    public Options withRetention(Retention newRetention) {
      return new Options(host, port, region, account, dynamoDbEndpoint, table, sqsEndpoint, queueName,
          tasks, tokenKey, workers, newRetention);
    }

    public Options withTasks(LocalTasks newTasks) {
      return new Options(host, port, region, account, dynamoDbEndpoint, table, sqsEndpoint, queueName,
          newTasks, tokenKey, workers, retention);
    }
  }

  /**
   * How long one receive of a worker waits on an empty SQS queue: idle, each worker makes one
   * request per wait instead of hundreds per second; a message that arrives ends the wait at once.
   */
  static final Duration LONG_POLL = Duration.ofSeconds(5);

  private final ExecutionRuntime runtime;
  private final ApiCatalog catalog;
  private final SfnApi api;
  private final HttpEndpoint endpoint;
  private final List<TransitionLoop> loops = new ArrayList<>();
  private final List<Thread> threads = new ArrayList<>();
  private final List<AutoCloseable> resources = new ArrayList<>();

  private LocalService(Options o, TestingOptions testing, Consumer<String> log) throws IOException {
    if (testing.virtualTime() && o.sqsEndpoint() != null) {
      throw new IllegalArgumentException("virtual time needs the in-memory queue: leave out the SQS endpoint");
    }
    VirtualTime virtual = testing.virtualTime() ? new VirtualTime() : null;
    if (virtual != null) {
      resources.add(virtual);
    }
    Clock clock = virtual != null ? virtual.clock() : Clock.systemUTC();
    Region region = Region.of(o.region());
    ExecutionStore store;
    if (o.dynamoDbEndpoint() != null) {
      DynamoDbClient dynamo = DynamoDbClient.builder().endpointOverride(o.dynamoDbEndpoint()).region(region)
          .credentialsProvider(credentials()).httpClientBuilder(UrlConnectionHttpClient.builder()).build();
      resources.add(dynamo);
      DynamoDbExecutionStore.createTable(dynamo, o.table());
      store = new DynamoDbExecutionStore(dynamo, o.table(), o.retention(), clock);
      catalog = new DynamoDbApiCatalog(dynamo, o.table());
    } else {
      store = new InMemoryExecutionStore(clock, o.retention());
      catalog = new InMemoryApiCatalog();
    }
    MessageQueue queue;
    MessageQueue timers = null;
    MessageQueue deadLetters;
    if (o.sqsEndpoint() != null) {
      SqsClient sqs = SqsClient.builder().endpointOverride(o.sqsEndpoint()).region(region)
          .credentialsProvider(credentials()).httpClientBuilder(UrlConnectionHttpClient.builder()).build();
      resources.add(sqs);
      queue = new SqsQueue(sqs, SqsQueue.createQueue(sqs, o.queueName()), LONG_POLL);
      if (SqsQueue.isFifo(o.queueName())) {
        timers = new SqsQueue(sqs, SqsQueue.createQueue(sqs, timersQueueName(o.queueName())), LONG_POLL);
      }
      deadLetters = new SqsQueue(sqs, SqsQueue.createQueue(sqs, baseName(o.queueName()) + "-dlq"));
    } else {
      queue = new InMemoryQueue(clock);
      deadLetters = new InMemoryQueue(clock);
    }
    MessageQueue storedQueue = queue;
    ExecutionRuntime[] self = new ExecutionRuntime[1];
    TaskInvoker tasks = o.tasks().build(o.region(), o.account(), clock, () -> UUID.randomUUID().toString(),
        () -> self[0], resources);
    log.accept("nestflow serve: " + o.tasks().describe());
    Keyring keys = o.tokenKey() == null ? Keyring.random() : Keyring.of(Key.fixed(o.tokenKey().getBytes(StandardCharsets.UTF_8)));
    MessageSeal seal = new MessageSeal(keys);
    queue = new SignedQueue(queue, seal, log);
    if (timers != null) {
      timers = new SignedQueue(timers, seal, log);
    }
    MessageQueue sealedDeadLetters = new SignedQueue(deadLetters, seal, log);
    if (virtual != null) {
      queue = virtual.watch(queue);
    }
    MockedTasks mocks = testing.mocks() == null ? null : new MockedTasks(testing.mocks());
    if (mocks != null) {
      tasks = mocks.before(tasks);
    }
    // the tasks a step starts run at the same time, as on AWS; on virtual time one after another,
    // since the clock jumps ahead only while nothing is in flight
    InvocationPool pool = virtual == null ? InvocationPool.threads(InvocationPool.DEFAULT_LIMIT) : InvocationPool.direct();
    runtime = new ExecutionRuntime(store, queue, timers == null ? queue : timers, queue, tasks, TaskDurations.unknown(), pool,
        clock, new TaskTokens(keys));
    self[0] = runtime;
    runtime.useObjectStore(o.tasks().objectStore(o.region()));
    api = new SfnApi(
        new ApiContext(runtime.commands(), queue, catalog, o.region(), o.account(), clock, ApiContext.EXPRESS_LIMIT), log);
    if (mocks != null) {
      api.wrap("StartExecution", start -> mocks.starts(start, store))
          .wrap("StartSyncExecution", start -> mocks.starts(start, store));
    } else {
      api.wrap("StartExecution", MockedTasks::refusingTestCases).wrap("StartSyncExecution", MockedTasks::refusingTestCases);
    }
    for (int i = 0; i < Math.max(1, o.workers()); i++) {
      startLoop(new TransitionLoop(runtime, queue, sealedDeadLetters, log), "nestflow-transitions-" + i);
    }
    if (timers != null) {
      startLoop(TransitionLoop.timers(runtime, timers, sealedDeadLetters, log), "nestflow-timers");
    }
    ServeLog serveLog = new ServeLog(log);
    api.onCall(serveLog);
    runtime.stateAdvance().listen(serveLog);
    DeadLetterApi deadLetterApi = new DeadLetterApi(new DeadLetterQueue(deadLetters), storedQueue, seal, store);
    endpoint = new HttpEndpoint(api, deadLetterApi, new ConsolePages(ApiCalls.inProcess(api)), o.host(), o.port());
  }

  private void startLoop(TransitionLoop loop, String name) {
    Thread thread = new Thread(loop, name);
    thread.setDaemon(true);
    loops.add(loop);
    threads.add(thread);
    thread.start();
  }

  /** The standard queue where a FIFO transitions queue's delayed messages wait: {@code x.fifo} -> {@code x-timers}. */
  static String timersQueueName(String fifoQueueName) {
    return baseName(fifoQueueName) + "-timers";
  }

  /** The queue name without a FIFO queue's .fifo suffix (a name with a dot in the middle is not a queue name). */
  private static String baseName(String queueName) {
    return SqsQueue.isFifo(queueName) ? queueName.substring(0, queueName.length() - ".fifo".length()) : queueName;
  }

  public static LocalService start(Options options, Consumer<String> log) throws IOException {
    return new LocalService(options, TestingOptions.none(), log);
  }

  public static LocalService start(Options options, TestingOptions testing, Consumer<String> log) throws IOException {
    return new LocalService(options, testing, log);
  }

  /** The port the API listens on (the one asked for, or the one chosen for port 0). */
  public int port() {
    return endpoint.port();
  }

  /** How many transition handler threads this service runs (serve's {@code --workers}). */
  public int transitionWorkers() {
    return loops.size();
  }

  public ExecutionRuntime runtime() {
    return runtime;
  }

  /** The API the port serves, for calls from this process (registering a template's state machines). */
  public SfnApi api() {
    return api;
  }

  public ApiCatalog catalog() {
    return catalog;
  }

  /** Credentials for the emulated store and queue: the usual chain, or dummy ones (emulators accept anything). */
  private static AwsCredentialsProvider credentials() {
    return AwsCredentials.emulatorCredentials();
  }

  @Override
  public void close() {
    endpoint.close();
    loops.forEach(TransitionLoop::stop);
    threads.forEach(Thread::interrupt);
    // a worker in a long poll returns when the poll ends; it stops then, on its own (a daemon)
    long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
    for (Thread t : threads) {
      try {
        t.join(Math.max(1, Duration.ofNanos(deadline - System.nanoTime()).toMillis()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    for (AutoCloseable r : resources) {
      try {
        r.close();
      } catch (Exception ignored) {
        // closing on the way out: nothing to do about it
      }
    }
  }
}
