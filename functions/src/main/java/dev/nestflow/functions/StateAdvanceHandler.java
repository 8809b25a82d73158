package dev.nestflow.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.json.Json;
import dev.nestflow.functions.telemetry.StepLog;
import dev.nestflow.functions.telemetry.Telemetry;
import dev.nestflow.infrastructure.queue.MessageSeal;
import dev.nestflow.infrastructure.queue.SignedQueue;
import dev.nestflow.infrastructure.runtime.ExecutionRuntime;
import dev.nestflow.infrastructure.runtime.StateAdvance;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Consumes the transitions queue (the state-advance function) or the task queue (the task runner,
 * the same code with a 15-minute timeout): each SQS message advances one execution by one signal,
 * or runs one task too long for a state-advance call (an invoke message). A message
 * that fails (another step won the race, a transient AWS error) is reported as a batch item
 * failure, so SQS delivers it again and, after the queue's maxReceiveCount, moves it to the DLQ.
 * A FIFO transitions queue (grouped by execution) hands one execution's messages to one call at a
 * time, in order: after a failed message, every later message of its group in the batch is reported
 * failed too (Lambda's rule for FIFO batches), so none overtakes it. The same function consumes the
 * timers queue next to a FIFO queue: a message from it is forwarded into its group when due.
 *
 * <p>A stream handler: Lambda hands over the SQS event's JSON and takes back the
 * {@code {"batchItemFailures": [{"itemIdentifier": ...}]}} answer as bytes, read and written here
 * with the engine's own Jackson. With a typed {@code RequestHandler<SQSEvent, SQSBatchResponse>} the
 * Java runtime builds its own event serializer (a second, shaded Jackson, Joda-Time, the events'
 * mix-ins) before the first event: about a quarter of a second of a cold start.
 */
public final class StateAdvanceHandler implements RequestStreamHandler {
  static {
    Priming.register(); // SnapStart: primes the runtime before the snapshot (see Priming)
  }

  /** The transitions queue's maxReceiveCount (template.yaml): a message failing on this receive goes to the DLQ. */
  static final int DEAD_LETTER_RECEIVE = 5;

  /**
   * The maxReceiveCount of the queue this function consumes: {@code NESTFLOW_MAX_RECEIVE_COUNT} (the
   * task runner's task queue: 3), else the transitions queue's {@link #DEAD_LETTER_RECEIVE}.
   */
  private static final int MAX_RECEIVE_COUNT = maxReceiveCount(System.getenv("NESTFLOW_MAX_RECEIVE_COUNT"));

  static int maxReceiveCount(String configured) {
    try {
      return configured == null || configured.isBlank() ? DEAD_LETTER_RECEIVE : Math.max(1, Integer.parseInt(configured.trim()));
    } catch (NumberFormatException e) {
      return DEAD_LETTER_RECEIVE;
    }
  }

  private final Supplier<ExecutionRuntime> runtime;
  /** Checks each message's signature; null when the queue's messages are not signed (in-process). */
  private final Supplier<MessageSeal> seal;
  /** The structured log and metrics of each step; null for none. */
  private final StepLog stepLog;
  private volatile ExecutionRuntime listened;

  /**
   * One SQS message of the event: its id (what a batch item failure names), its body, this
   * receipt's handle and how many times it has been received.
   */
  record Message(String messageId, String body, String receiptHandle, int receiveCount, String group, String source) {
    Message(String messageId, String body, String receiptHandle, int receiveCount) {
      this(messageId, body, receiptHandle, receiveCount, null, null);
    }
  }

  /** The name of the timers queue (its URL's last part), or null: messages from it are forwarded. */
  private final String timersQueue;

  /**
   * The Lambda entry point: the runtime is built from the environment, starting now on a
   * background thread (see {@link Runtimes#startBuilding()}); the first event waits for it.
   */
  public StateAdvanceHandler() {
    this(Runtimes::fromEnvironment, Runtimes::sealFromEnvironment, Telemetry.stepLog(Runtimes::catalogFromEnvironment));
    Runtimes.startBuilding();
  }

  /** A consumer of a queue whose messages are signed: each is checked with {@code seal} first. */
  public StateAdvanceHandler(Supplier<ExecutionRuntime> runtime, Supplier<MessageSeal> seal) {
    this(runtime, seal, null);
  }

  /** A consumer of an in-process queue whose messages are not signed (SnapStart priming, tests). */
  public StateAdvanceHandler(Supplier<ExecutionRuntime> runtime) {
    this(runtime, (Supplier<MessageSeal>) null, null);
  }

  /** The same, writing each step's structured log and metrics to {@code stepLog} (tests). */
  public StateAdvanceHandler(Supplier<ExecutionRuntime> runtime, StepLog stepLog) {
    this(runtime, null, stepLog);
  }

  /**
   * @param seal checks each message's signature (null: the queue's messages are not signed)
   * @param stepLog the structured log and metrics of each step (null: none)
   */
  public StateAdvanceHandler(Supplier<ExecutionRuntime> runtime, Supplier<MessageSeal> seal, StepLog stepLog) {
    this(runtime, seal, stepLog, queueName(System.getenv(AwsWiring.TIMERS_QUEUE)));
  }

  /** @param timersQueue the name of the timers queue whose messages this consumer forwards (null: none) */
  StateAdvanceHandler(Supplier<ExecutionRuntime> runtime, Supplier<MessageSeal> seal, StepLog stepLog, String timersQueue) {
    this.runtime = runtime;
    this.seal = seal;
    this.stepLog = stepLog;
    this.timersQueue = timersQueue;
  }

  private static String queueName(String url) {
    return url == null || url.isEmpty() ? null : url.substring(url.lastIndexOf('/') + 1);
  }

  /** Whether the event source (a queue ARN, its name after the last colon) is the timers queue. */
  private boolean fromTimers(Message m) {
    return timersQueue != null && m.source() != null && m.source().endsWith(":" + timersQueue);
  }

  /** The Lambda entry point: an SQS event in, the batch response out (both JSON). */
  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    JsonNode event = Json.MAPPER.readTree(input);
    List<Message> messages = new ArrayList<>();
    JsonNode records = event == null ? null : event.get("Records");
    if (records != null) {
      for (JsonNode r : records) {
        messages.add(new Message(text(r, "messageId"), text(r, "body"), text(r, "receiptHandle"),
            receiveCount(r.path("attributes").path("ApproximateReceiveCount").asText(null)),
            r.path("attributes").path("MessageGroupId").asText(null), text(r, "eventSourceARN")));
      }
    }
    ObjectNode response = Json.object();
    ArrayNode failures = response.putArray("batchItemFailures");
    for (String id : advance(messages, context)) {
      failures.addObject().put("itemIdentifier", id);
    }
    output.write(Json.write(response).getBytes(StandardCharsets.UTF_8));
  }

  /** The same for an event already read into the Lambda events types (tests, in-process callers). */
  public SQSBatchResponse handleBatch(SQSEvent event, Context context) {
    List<Message> messages = new ArrayList<>();
    if (event.getRecords() != null) {
      for (SQSEvent.SQSMessage m : event.getRecords()) {
        messages.add(new Message(m.getMessageId(), m.getBody(), m.getReceiptHandle(),
            receiveCount(m.getAttributes() == null ? null : m.getAttributes().get("ApproximateReceiveCount")),
            m.getAttributes() == null ? null : m.getAttributes().get("MessageGroupId"), m.getEventSourceArn()));
      }
    }
    List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
    for (String id : advance(messages, context)) {
      failures.add(new SQSBatchResponse.BatchItemFailure(id));
    }
    return new SQSBatchResponse(failures);
  }

  /** Applies each message in order; returns the ids of those that were not applied. */
  List<String> advance(List<Message> messages, Context context) {
    List<String> failed = new ArrayList<>();
    ExecutionRuntime rt = runtime.get();
    if (stepLog != null && listened != rt) {
      rt.stateAdvance().listen(stepLog);
      listened = rt;
    }
    MessageSeal checks = seal == null ? null : seal.get();
    StateAdvance.Receive receive = rt.stateAdvance().receive();
    Set<String> failedGroups = new HashSet<>();
    for (Message message : messages) {
      if (message.group() != null && failedGroups.contains(message.group())) {
        failed.add(message.messageId()); // a FIFO group's later message never overtakes one that failed
        continue;
      }
      String body;
      try {
        body = checks == null ? message.body() : checks.open(message.body());
      } catch (MessageSeal.Refused refused) {
        // not made by the functions (forged, altered): logged, not applied, not retried
        log(context, SignedQueue.refusal(message.messageId(), message.body(), refused));
        continue;
      }
      try {
        boolean done = fromTimers(message)
            ? rt.stateAdvance().forward(body, message.receiptHandle(), message.receiveCount())
            : receive.handle(body, message.receiptHandle(), message.receiveCount(), budget(context));
        if (!done) {
          // a timer not due yet, kept hidden in the queue until it is: not deleted, not an error
          failed.add(message.messageId());
        }
      } catch (RuntimeException e) {
        if (message.group() != null) {
          failedGroups.add(message.group());
        }
        log(context, "message " + message.messageId() + " not applied: " + e);
        if (message.receiveCount() >= MAX_RECEIVE_COUNT) {
          // SQS moves it to the DLQ now: the execution says so (DescribeExecution) instead of staying RUNNING silently
          rt.commands().recordDeadLetter(body, message.receiveCount(), String.valueOf(e));
          if (stepLog != null) {
            stepLog.deadLettered(message.messageId(), body, String.valueOf(e));
          }
        }
        failed.add(message.messageId());
      }
    }
    return failed;
  }

  private static void log(Context context, String line) {
    if (context != null && context.getLogger() != null) {
      context.getLogger().log(line + "\n");
    } else {
      System.out.println(line);
    }
  }

  /**
   * How long the rest of this call may take: the function's remaining time (the state-advance
   * function's 60 s, the task runner's 15 minutes), so that no task is started that might outlast
   * it. No limit without a Lambda context (in-process callers).
   */
  static Duration budget(Context context) {
    if (context == null) {
      return null;
    }
    int remaining = context.getRemainingTimeInMillis();
    return remaining > 0 ? Duration.ofMillis(remaining) : Duration.ZERO;
  }

  /**
   * SQS's ApproximateReceiveCount, or 0 when the event lacks it (a hand-made event): unknown, so
   * never taken for a first delivery (which lets a created execution's first step skip its reads)
   * nor for the last one (which dead-letters).
   */
  static int receiveCount(String approximate) {
    try {
      return approximate == null ? 0 : Integer.parseInt(approximate);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static String text(JsonNode record, String field) {
    JsonNode value = record.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
