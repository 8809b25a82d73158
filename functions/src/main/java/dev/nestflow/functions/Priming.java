package dev.nestflow.functions;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.json.Json;
import dev.nestflow.functions.telemetry.LoggingConfigs;
import dev.nestflow.functions.telemetry.StepLog;
import dev.nestflow.infrastructure.queue.InMemoryQueue;
import dev.nestflow.infrastructure.queue.QueueMessage;
import dev.nestflow.infrastructure.runtime.ExecutionRuntime;
import dev.nestflow.infrastructure.runtime.TaskTokens;
import dev.nestflow.infrastructure.store.InMemoryExecutionStore;
import dev.nestflow.infrastructure.store.StateMachineRecord;
import dev.nestflow.infrastructure.tasks.TaskInvoker;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * SnapStart priming: before Lambda takes the snapshot, build the production wiring (the SDK clients
 * are made, nothing is sent) and run a tiny state machine over the in-memory adapters, so the
 * interpreter, JSONPath, intrinsics, Jackson and the runtime's classes are loaded and initialised
 * in the snapshot. Touches no AWS service. Without a CRaC-capable JVM (outside SnapStart) the
 * registration is a no-op and {@link #beforeCheckpoint} never runs.
 */
final class Priming implements Resource {
  /** Held strongly: CRaC contexts keep their resources through weak references. */
  private static final Priming INSTANCE = new Priming();
  private static volatile boolean registered;

  static final String DEFINITION = "{\"StartAt\":\"P\",\"States\":{"
      + "\"P\":{\"Type\":\"Pass\",\"Parameters\":{\"n.$\":\"States.MathAdd($.n, 1)\",\"s.$\":\"States.Format('x{}', $.n)\"},"
      + "\"ResultPath\":\"$.r\",\"Next\":\"C\"},"
      + "\"C\":{\"Type\":\"Choice\",\"Choices\":[{\"Variable\":\"$.r.n\",\"NumericGreaterThan\":1,\"Next\":\"D\"}],"
      + "\"Default\":\"D\"},\"D\":{\"Type\":\"Succeed\"}}}";

  private Priming() {}

  static Priming instance() {
    return INSTANCE;
  }

  /** Registers the hook once per JVM (the handlers' class initialisers call this). */
  static void register() {
    if (registered) {
      return;
    }
    synchronized (Priming.class) {
      if (!registered) {
        Core.getGlobalContext().register(INSTANCE);
        registered = true;
      }
    }
  }

  @Override
  public void beforeCheckpoint(Context<? extends Resource> context) {
    try {
      Runtimes.buildAllFromEnvironment();
    } catch (RuntimeException incompleteEnvironment) {
      // priming must never fail the snapshot: the wiring is then built on the first invocation
    }
    runInMemory();
    // the key must not be in the snapshot: fetched again after the restore
    KeyLoading.forgetAll();
  }

  @Override
  public void afterRestore(Context<? extends Resource> context) {
    // connections are opened on first use after restore; the key is fetched now, off the request path
    Thread fetch = new Thread(KeyLoading::afterRestore, "nestflow-key-fetch");
    fetch.setDaemon(true);
    fetch.start();
  }

  /** Runs {@link #DEFINITION} to its end over the in-memory store and queue; returns its final status. */
  static String runInMemory() {
    InMemoryExecutionStore store = new InMemoryExecutionStore();
    InMemoryQueue queue = new InMemoryQueue(Clock.systemUTC());
    ExecutionRuntime runtime = new ExecutionRuntime(store, queue, TaskInvoker.none(), Clock.systemUTC(),
        TaskTokens.randomKey());
    String sm = "arn:aws:states:us-east-1:000000000000:stateMachine:priming";
    store.putStateMachine(new StateMachineRecord(sm, "priming", "STANDARD", DEFINITION,
        "arn:aws:iam::000000000000:role/priming", 0));
    String arn = runtime.commands().startExecution(sm, "priming", "{\"n\":1}").executionArn();
    // with a step log that writes nowhere: its classes (records, EMF) are loaded here, not on the first real step
    ObjectNode logged = Json.object();
    logged.putObject("loggingConfiguration").put("level", "ALL").put("includeExecutionData", true);
    StepLog quiet = new StepLog(line -> { }, new LoggingConfigs(machine -> logged, System::currentTimeMillis), null,
        System::currentTimeMillis);
    StateAdvanceHandler handler = new StateAdvanceHandler(() -> runtime, quiet);
    for (int round = 0; round < 20; round++) {
      List<QueueMessage> batch = queue.receive(10, Duration.ofSeconds(30));
      if (batch.isEmpty()) {
        break;
      }
      // through the handler's Lambda entry, as an SQS event: the event is read and the answer written too
      ObjectNode event = Json.object();
      ArrayNode records = event.putArray("Records");
      for (QueueMessage m : batch) {
        records.addObject().put("messageId", m.messageId()).put("body", m.body()).put("eventSource", "aws:sqs");
      }
      try {
        handler.handleRequest(new ByteArrayInputStream(Json.write(event).getBytes(StandardCharsets.UTF_8)),
            new ByteArrayOutputStream(), null);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      batch.forEach(m -> queue.delete(m.receiptHandle()));
    }
    return store.execution(arn).orElseThrow().status();
  }
}
