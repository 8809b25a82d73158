package dev.nestflow.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.json.Json;
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
import dev.nestflow.infrastructure.tasks.InvocationPool;
import dev.nestflow.infrastructure.tasks.TaskDurations;
import dev.nestflow.infrastructure.tasks.TaskInvoker;
import dev.nestflow.infrastructure.telemetry.StepListener;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Contention on one execution's log: an inline Map of N items (Pass, Wait, Pass) run by W workers,
 * each a runtime of its own (its own cache, as a process or a Lambda container is) with one
 * consumer thread, on one store and one queue. Counts refused appends, log entries and bytes read
 * and written (at the store port), whole-log replays and catch-up reads, and, on moto_server, every
 * DynamoDB and SQS request. Prints one JSON line.
 *
 * <p>Modes: {@code optimistic} (a standard queue, each message appended at the cached position, a
 * refused append reads the whole log: how every consumer worked before), {@code standard} (a
 * standard queue, each receive catches its executions up first), {@code fifo} (a FIFO queue grouped
 * by execution, delayed messages through a standard timers queue forwarded when due, each receive
 * catches up first).
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.nestflow.bench.OneWriter moto fifo 4 1000 10</pre>
 */
public final class OneWriter {
  private static final String ROLE = "arn:aws:iam::123456789012:role/nestflow-bench";
  /** Long enough that a slow emulator never redelivers a message still being applied. */
  private static final Duration VISIBILITY = Duration.ofMinutes(5);

  private final LongAdder refused = new LongAdder();
  private final LongAdder appended = new LongAdder();
  private final LongAdder bytesWritten = new LongAdder();
  private final LongAdder entriesRead = new LongAdder();
  private final LongAdder bytesRead = new LongAdder();
  private final LongAdder replays = new LongAdder();
  private final LongAdder replayedEntries = new LongAdder();
  private final LongAdder catchUps = new LongAdder();
  private final LongAdder caughtUpEntries = new LongAdder();
  private final LongAdder failures = new LongAdder();

  public static void main(String[] args) throws Exception {
    String backend = args.length > 0 ? args[0] : "memory";
    String mode = args.length > 1 ? args[1] : "fifo";
    int workers = args.length > 2 ? Integer.parseInt(args[2]) : 4;
    int items = args.length > 3 ? Integer.parseInt(args[3]) : 1000;
    int waitSeconds = args.length > 4 ? Integer.parseInt(args[4]) : 10;
    System.out.println(new OneWriter().run(backend, mode, workers, items, waitSeconds));
  }

  private String run(String backend, String mode, int workers, int items, int waitSeconds) throws Exception {
    boolean fifo = mode.equals("fifo");
    boolean catchUp = !mode.equals("optimistic");
    RequestCounter counter = new RequestCounter();
    Moto moto = backend.equals("moto") ? Moto.start() : null;
    try {
      ExecutionStore shared;
      ExecutionStore watching; // where the bench polls the head: not counted
      MessageQueue transitions;
      MessageQueue timers;
      if (moto != null) {
        StaticCredentialsProvider creds = StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
        ClientOverrideConfiguration config = ClientOverrideConfiguration.builder().addExecutionInterceptor(counter).build();
        DynamoDbClient dynamo = DynamoDbClient.builder().endpointOverride(moto.endpoint()).region(Region.US_EAST_1)
            .credentialsProvider(creds).httpClientBuilder(UrlConnectionHttpClient.builder()).overrideConfiguration(config)
            .build();
        SqsClient sqs = SqsClient.builder().endpointOverride(moto.endpoint()).region(Region.US_EAST_1)
            .credentialsProvider(creds).httpClientBuilder(UrlConnectionHttpClient.builder()).overrideConfiguration(config)
            .build();
        DynamoDbExecutionStore.createTable(dynamo, "onewriter");
        shared = new DynamoDbExecutionStore(dynamo, "onewriter");
        watching = new DynamoDbExecutionStore(DynamoDbClient.builder().endpointOverride(moto.endpoint())
            .region(Region.US_EAST_1).credentialsProvider(creds).httpClientBuilder(UrlConnectionHttpClient.builder())
            .build(), "onewriter");
        // short polling: moto_server (5.x) checks a FIFO group's messages in flight once, when a long
        // poll starts, so a long poll that waits can hand out a group that another consumer holds
        transitions = new SqsQueue(sqs, SqsQueue.createQueue(sqs, fifo ? "transitions.fifo" : "transitions"));
        timers = fifo ? new SqsQueue(sqs, SqsQueue.createQueue(sqs, "transitions-timers")) : transitions;
      } else {
        shared = new InMemoryExecutionStore();
        watching = shared;
        InMemoryQueue queue = new InMemoryQueue(Clock.systemUTC());
        transitions = fifo ? withoutDelays(queue) : queue;
        timers = fifo ? new InMemoryQueue(Clock.systemUTC()) : queue;
      }
      ExecutionStore store = new Counting(shared);
      TaskTokens tokens = TaskTokens.randomKey();
      List<ExecutionRuntime> runtimes = new ArrayList<>();
      for (int i = 0; i < workers; i++) {
        ExecutionRuntime rt = new ExecutionRuntime(store, transitions, timers, transitions, TaskInvoker.none(),
            TaskDurations.unknown(), InvocationPool.direct(), Clock.systemUTC(), tokens);
        rt.stateAdvance().listen(new StepListener() {
          @Override
          public void replayed(String executionArn, int entries) {
            replays.increment();
            replayedEntries.add(entries);
          }

          @Override
          public void caughtUp(String executionArn, int entries) {
            catchUps.increment();
            caughtUpEntries.add(entries);
          }
        });
        runtimes.add(rt);
      }
      String sm = "arn:aws:states:us-east-1:123456789012:stateMachine:onewriter";
      store.putStateMachine(new StateMachineRecord(sm, "onewriter", "STANDARD", definition(waitSeconds), ROLE,
          System.currentTimeMillis()));
      ArrayNode input = Json.MAPPER.createArrayNode();
      for (int i = 0; i < items; i++) {
        input.add(i);
      }
      ObjectNode wrapped = Json.object();
      wrapped.set("items", input);
      counter.reset();
      long started = System.nanoTime();
      String arn = runtimes.get(0).commands().startExecution(sm, "map-" + items, Json.write(wrapped)).executionArn();

      AtomicBoolean stop = new AtomicBoolean();
      List<Thread> threads = new ArrayList<>();
      for (int i = 0; i < workers; i++) {
        ExecutionRuntime rt = runtimes.get(i);
        threads.add(start("worker-" + i, () -> consume(rt, transitions, false, catchUp, stop)));
        if (fifo) {
          threads.add(start("timers-" + i, () -> consume(rt, timers, true, catchUp, stop)));
        }
      }
      ExecutionRecord head = null;
      long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
      while (System.nanoTime() < deadline) {
        head = watching.execution(arn).orElseThrow();
        if (!head.running()) {
          break;
        }
        Thread.sleep(50);
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      stop.set(true);
      for (Thread t : threads) {
        t.join(Duration.ofSeconds(10).toMillis());
      }
      RequestCounter.Counts counts = counter.snapshot();
      long entries = watching.signals(arn).size();
      ObjectNode out = Json.object();
      out.put("scenario", "inline Map " + items + " (Pass, Wait " + waitSeconds + " s, Pass)");
      out.put("backend", backend);
      out.put("mode", mode);
      out.put("workers", workers);
      out.put("status", head == null ? "?" : head.status());
      out.put("outputCorrect", head != null && input.equals(Json.parse(String.valueOf(head.outputText()))));
      out.put("seconds", Math.round(seconds * 10) / 10.0);
      out.put("logEntries", entries);
      out.put("refusedAppends", refused.sum());
      out.put("refusedPercentOfEntries", Math.round(1000.0 * refused.sum() / entries) / 10.0);
      out.put("logEntriesRead", entriesRead.sum());
      out.put("logBytesRead", bytesRead.sum());
      out.put("logBytesWritten", bytesWritten.sum());
      out.put("readToWritten", Math.round(100.0 * bytesRead.sum() / Math.max(1, bytesWritten.sum())) / 100.0);
      out.put("wholeLogReplays", replays.sum());
      out.put("replayedEntries", replayedEntries.sum());
      out.put("catchUpReads", catchUps.sum());
      out.put("caughtUpEntries", caughtUpEntries.sum());
      out.put("failedMessages", failures.sum());
      if (moto != null) {
        long dynamo = counts.total("DynamoDb.");
        long sqs = counts.total("Sqs.");
        out.put("dynamoDbRequests", dynamo);
        out.put("sqsRequests", sqs);
        out.put("dynamoDbRequestsPerEntry", Math.round(100.0 * dynamo / entries) / 100.0);
        out.put("sqsRequestsPerEntry", Math.round(100.0 * sqs / entries) / 100.0);
        out.put("dynamoDbBytesRead", counts.bytesRead());
        out.put("dynamoDbBytesWritten", counts.bytesWritten());
        ObjectNode byOp = out.putObject("requests");
        counts.requests().forEach(byOp::put);
      }
      return Json.write(out);
    } finally {
      if (moto != null) {
        moto.close();
      }
    }
  }

  private static Thread start(String name, Runnable body) {
    Thread t = new Thread(body, name);
    t.setDaemon(true);
    t.start();
    return t;
  }

  /** One worker's loop, as serve's transition loop: receive up to 10, apply (or forward) each, delete. */
  private void consume(ExecutionRuntime rt, MessageQueue queue, boolean forwards, boolean catchUp, AtomicBoolean stop) {
    while (!stop.get()) {
      List<QueueMessage> batch;
      try {
        batch = queue.receive(10, VISIBILITY);
      } catch (RuntimeException e) {
        if (stop.get()) {
          return;
        }
        throw e;
      }
      if (batch.isEmpty()) {
        LockSupport.parkNanos(5_000_000); // as serve's loop waits between empty short polls
        continue;
      }
      StateAdvance.Receive receive = rt.stateAdvance().receive();
      java.util.Set<String> failedGroups = new java.util.HashSet<>();
      for (QueueMessage m : batch) {
        if (m.group() != null && failedGroups.contains(m.group())) {
          queue.changeVisibility(m.receiptHandle(), Duration.ZERO);
          continue;
        }
        try {
          boolean done = forwards
              ? rt.stateAdvance().forward(m.body(), m.receiptHandle(), m.receiveCount())
              : catchUp
                  ? receive.handle(m.body(), m.receiptHandle(), m.receiveCount(), null)
                  : rt.stateAdvance().handle(m.body(), m.receiptHandle(), m.receiveCount());
          if (done) {
            queue.delete(m.receiptHandle());
          }
        } catch (RuntimeException e) {
          failures.increment();
          if (m.group() != null) {
            failedGroups.add(m.group());
          }
          queue.changeVisibility(m.receiptHandle(), Duration.ZERO);
        }
      }
    }
  }

  private static String definition(int waitSeconds) {
    return "{\"StartAt\":\"M\",\"States\":{\"M\":{\"Type\":\"Map\",\"ItemsPath\":\"$.items\","
        + "\"Iterator\":{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"Next\":\"W\"},"
        + "\"W\":{\"Type\":\"Wait\",\"Seconds\":" + waitSeconds + ",\"Next\":\"Q\"},"
        + "\"Q\":{\"Type\":\"Pass\",\"End\":true}}},\"End\":true}}}";
  }

  /** The in-memory queue standing for a FIFO queue: groups kept, no per-message delays. */
  private static MessageQueue withoutDelays(InMemoryQueue queue) {
    return new MessageQueue() {
      @Override
      public void send(String body, Duration delay) {
        send(body, delay, null);
      }

      @Override
      public void send(String body, Duration delay, String group) {
        if (!delay.isZero()) {
          throw new IllegalArgumentException("no per-message delay on a FIFO queue");
        }
        queue.send(body, delay, group == null ? "default" : group);
      }

      @Override
      public boolean delays() {
        return false;
      }

      @Override
      public List<QueueMessage> receive(int max, Duration visibility) {
        return queue.receive(max, visibility);
      }

      @Override
      public void delete(String receiptHandle) {
        queue.delete(receiptHandle);
      }

      @Override
      public void changeVisibility(String receiptHandle, Duration visibility) {
        queue.changeVisibility(receiptHandle, visibility);
      }
    };
  }

  private static long size(SignalEntry e) {
    return e.signalJson().getBytes(StandardCharsets.UTF_8).length + e.signalId().getBytes(StandardCharsets.UTF_8).length;
  }

  /** The store, counting log entries and bytes read and written and refused appends. */
  private final class Counting extends ForwardingExecutionStore {
    Counting(ExecutionStore inner) {
      super(inner);
    }

    @Override
    public List<SignalEntry> signals(String executionArn) {
      return counted(delegate.signals(executionArn));
    }

    @Override
    public List<SignalEntry> signalsAfter(String executionArn, long afterSeq) {
      return counted(delegate.signalsAfter(executionArn, afterSeq));
    }

    private List<SignalEntry> counted(List<SignalEntry> read) {
      entriesRead.add(read.size());
      read.forEach(e -> bytesRead.add(size(e)));
      return read;
    }

    @Override
    public boolean append(String executionArn, SignalEntry entry) {
      boolean ok = delegate.append(executionArn, entry);
      if (ok) {
        appended.increment();
        bytesWritten.add(size(entry));
      } else {
        refused.increment();
      }
      return ok;
    }
  }
}
