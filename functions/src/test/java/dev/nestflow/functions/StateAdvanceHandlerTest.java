package dev.nestflow.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.json.Json;
import dev.nestflow.infrastructure.keys.Key;
import dev.nestflow.infrastructure.keys.Keyring;
import dev.nestflow.infrastructure.queue.InMemoryQueue;
import dev.nestflow.infrastructure.queue.MessageSeal;
import dev.nestflow.infrastructure.queue.SignedQueue;
import dev.nestflow.infrastructure.queue.QueueMessage;
import dev.nestflow.infrastructure.runtime.ExecutionRuntime;
import dev.nestflow.infrastructure.runtime.TaskTokens;
import dev.nestflow.infrastructure.store.InMemoryExecutionStore;
import dev.nestflow.infrastructure.store.StateMachineRecord;
import dev.nestflow.infrastructure.tasks.TaskInvoker;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class StateAdvanceHandlerTest {
  private static final String MACHINE = "arn:aws:states:us-east-1:000000000000:stateMachine:handler-test";

  private final InMemoryExecutionStore store = new InMemoryExecutionStore();
  private final InMemoryQueue queue = new InMemoryQueue(Clock.systemUTC());
  private final ExecutionRuntime runtime = new ExecutionRuntime(store, queue, TaskInvoker.none(), Clock.systemUTC(),
      TaskTokens.randomKey());

  @Test
  void aRecordWithoutAReceiveCountIsNeitherAFirstNorALastDelivery() {
    assertThat(StateAdvanceHandler.receiveCount(null)).isZero();
    assertThat(StateAdvanceHandler.receiveCount("many")).isZero();
    assertThat(StateAdvanceHandler.receiveCount("3")).isEqualTo(3);
  }

  @Test
  void streamEntryAppliesEachRecordAndNamesOnlyTheFailedOnesInLambdasBatchResponseFormat() throws IOException {
    store.putStateMachine(new StateMachineRecord(MACHINE, "handler-test", "STANDARD",
        "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"End\":true}}}",
        "arn:aws:iam::000000000000:role/test", 0));
    String arn = runtime.commands().startExecution(MACHINE, "one", "{}").executionArn();
    List<QueueMessage> start = queue.receive(10, Duration.ofSeconds(30));
    assertThat(start).hasSize(1);

    ObjectNode event = Json.object();
    ArrayNode records = event.putArray("Records");
    records.addObject().put("messageId", "bad-1").put("body", "{not json").put("eventSource", "aws:sqs");
    records.addObject().put("messageId", "good-1").put("body", start.get(0).body()).put("eventSource", "aws:sqs")
        .putObject("attributes").put("ApproximateReceiveCount", "1");

    String answer = invoke(new StateAdvanceHandler(() -> runtime), Json.write(event));

    assertThat(answer).isEqualTo("{\"batchItemFailures\":[{\"itemIdentifier\":\"bad-1\"}]}");
    assertThat(store.execution(arn).orElseThrow().status()).isEqualTo("SUCCEEDED");
  }

  @Test
  void afterAFailedMessageEveryLaterMessageOfItsFifoGroupIsReportedFailedAndNotApplied() throws IOException {
    store.putStateMachine(new StateMachineRecord(MACHINE, "handler-test", "STANDARD",
        "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"End\":true}}}",
        "arn:aws:iam::000000000000:role/test", 0));
    String held = runtime.commands().startExecution(MACHINE, "held", "{}").executionArn();
    String free = runtime.commands().startExecution(MACHINE, "free", "{}").executionArn();
    List<QueueMessage> starts = queue.receive(10, Duration.ofSeconds(30));
    assertThat(starts).hasSize(2);

    ObjectNode event = Json.object();
    ArrayNode records = event.putArray("Records");
    records.addObject().put("messageId", "bad-A").put("body", "{not json").putObject("attributes")
        .put("MessageGroupId", held);
    for (QueueMessage start : starts) {
      records.addObject().put("messageId", start.group().equals(held) ? "later-A" : "other-B").put("body", start.body())
          .putObject("attributes").put("ApproximateReceiveCount", "1").put("MessageGroupId", start.group());
    }

    String answer = invoke(new StateAdvanceHandler(() -> runtime), Json.write(event));

    assertThat(answer).isEqualTo("{\"batchItemFailures\":[{\"itemIdentifier\":\"bad-A\"},{\"itemIdentifier\":\"later-A\"}]}");
    assertThat(store.execution(held).orElseThrow().status()).isEqualTo("RUNNING");
    assertThat(store.execution(free).orElseThrow().status()).isEqualTo("SUCCEEDED");
  }

  @Test
  void aMessageFromTheTimersQueueIsForwardedIntoItsExecutionsGroupNotApplied() throws IOException {
    InMemoryQueue timers = new InMemoryQueue(Clock.systemUTC());
    ExecutionRuntime rt = new ExecutionRuntime(store, queue, timers, queue, TaskInvoker.none(),
        dev.nestflow.infrastructure.tasks.TaskDurations.unknown(), dev.nestflow.infrastructure.tasks.InvocationPool.direct(),
        Clock.systemUTC(), TaskTokens.randomKey());
    store.putStateMachine(new StateMachineRecord(MACHINE, "handler-test", "STANDARD",
        "{\"StartAt\":\"W\",\"States\":{\"W\":{\"Type\":\"Wait\",\"Seconds\":1,\"End\":true}}}",
        "arn:aws:iam::000000000000:role/test", 0));
    String arn = rt.commands().startExecution(MACHINE, "short", "{}").executionArn();
    StateAdvanceHandler handler = new StateAdvanceHandler(() -> rt, null, null, "timers");
    QueueMessage start = queue.receive(1, Duration.ofSeconds(30)).get(0);
    queue.delete(start.receiptHandle());
    assertThat(invoke(handler, eventOf(start, "start-1"))).isEqualTo("{\"batchItemFailures\":[]}");
    assertThat(queue.size()).isZero(); // the timer waits in the timers queue, not in the grouped one
    List<QueueMessage> due = List.of();
    for (int i = 0; i < 50 && due.isEmpty(); i++) {
      sleep(100);
      due = timers.receive(1, Duration.ofSeconds(30));
    }
    assertThat(due).hasSize(1);

    ObjectNode event = Json.object();
    event.putArray("Records").addObject().put("messageId", "timer-1").put("body", due.get(0).body())
        .put("eventSourceARN", "arn:aws:sqs:us-east-1:000000000000:timers");
    assertThat(invoke(handler, Json.write(event))).isEqualTo("{\"batchItemFailures\":[]}");

    assertThat(store.execution(arn).orElseThrow().status()).isEqualTo("RUNNING");
    List<QueueMessage> forwarded = queue.receive(10, Duration.ofSeconds(30));
    assertThat(forwarded).extracting(QueueMessage::group).containsExactly(arn);
    invoke(handler, eventOf(forwarded.get(0), "fired-1"));
    assertThat(store.execution(arn).orElseThrow().status()).isEqualTo("SUCCEEDED");
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void aTimerHoursAwayIsKeptHiddenInTheQueueAndReportedSoLambdaDoesNotDeleteIt() throws IOException {
    dev.nestflow.infrastructure.embedded.VirtualClock clock =
        new dev.nestflow.infrastructure.embedded.VirtualClock(java.time.Instant.parse("2026-01-01T00:00:00Z"));
    InMemoryQueue timers = new InMemoryQueue(clock);
    ExecutionRuntime rt = new ExecutionRuntime(store, timers, TaskInvoker.none(), clock, TaskTokens.randomKey());
    store.putStateMachine(new StateMachineRecord(MACHINE, "handler-test", "STANDARD",
        "{\"StartAt\":\"W\",\"States\":{\"W\":{\"Type\":\"Wait\",\"Seconds\":86400,\"End\":true}}}",
        "arn:aws:iam::000000000000:role/test", 0));
    String arn = rt.commands().startExecution(MACHINE, "a-day", "{}").executionArn();
    StateAdvanceHandler handler = new StateAdvanceHandler(() -> rt);
    QueueMessage start = timers.receive(1, Duration.ofSeconds(30)).get(0);
    assertThat(invoke(handler, eventOf(start, "start-1"))).isEqualTo("{\"batchItemFailures\":[]}");
    timers.delete(start.receiptHandle());                      // as Lambda does with a message that did not fail
    clock.advance(Duration.ofMinutes(15));                     // the timer's first message: 15 minutes is SQS's longest delay
    QueueMessage timer = timers.receive(1, Duration.ofSeconds(30)).get(0);

    String answer = invoke(handler, eventOf(timer, "timer-1"));

    assertThat(answer).isEqualTo("{\"batchItemFailures\":[{\"itemIdentifier\":\"timer-1\"}]}");
    assertThat(timers.size()).isEqualTo(1);                    // the same message, hidden; nothing sent again
    assertThat(timers.nextVisibleAt()).contains(clock.instant().plus(Duration.ofHours(12).minusMinutes(5)));
    assertThat(store.execution(arn).orElseThrow().status()).isEqualTo("RUNNING");
  }

  private static String eventOf(QueueMessage m, String messageId) {
    return eventOf(m, messageId, m.receiveCount());
  }

  private static String eventOf(QueueMessage m, String messageId, int receiveCount) {
    ObjectNode event = Json.object();
    event.putArray("Records").addObject().put("messageId", messageId).put("body", m.body())
        .put("receiptHandle", m.receiptHandle()).put("eventSource", "aws:sqs")
        .putObject("attributes").put("ApproximateReceiveCount", Integer.toString(receiveCount));
    return Json.write(event);
  }

  @Test
  void aMessageTheFunctionsDidNotSignIsRefusedNotAppliedAndNotRetried() throws IOException {
    Keyring keys = Keyring.of(Key.fixed("the-functions-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8)));
    SignedQueue signed = new SignedQueue(queue, new MessageSeal(keys), line -> {});
    ExecutionRuntime rt = new ExecutionRuntime(store, signed, TaskInvoker.none(), Clock.systemUTC(), new TaskTokens(keys));
    store.putStateMachine(new StateMachineRecord(MACHINE, "handler-test", "STANDARD",
        "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"End\":true}}}",
        "arn:aws:iam::000000000000:role/test", 0));
    String arn = rt.commands().startExecution(MACHINE, "signed", "{}").executionArn();
    String genuine = queue.receive(1, Duration.ofSeconds(30)).get(0).body();   // as SQS hands it to Lambda: sealed
    String forged = "{\"arn\":\"" + arn + "\",\"id\":\"stop:forged\",\"signal\":{\"type\":\"Stop\",\"error\":\"Forged\"}}";

    ObjectNode event = Json.object();
    ArrayNode records = event.putArray("Records");
    records.addObject().put("messageId", "forged-1").put("body", forged).put("eventSource", "aws:sqs");
    StateAdvanceHandler handler = new StateAdvanceHandler(() -> rt, () -> new MessageSeal(keys));
    assertThat(invoke(handler, Json.write(event))).isEqualTo("{\"batchItemFailures\":[]}");
    assertThat(store.execution(arn).orElseThrow().status()).isEqualTo("RUNNING");
    assertThat(store.signals(arn)).hasSize(1);

    records.removeAll();
    records.addObject().put("messageId", "genuine-1").put("body", genuine).put("eventSource", "aws:sqs");
    assertThat(invoke(handler, Json.write(event))).isEqualTo("{\"batchItemFailures\":[]}");
    assertThat(store.execution(arn).orElseThrow().status()).isEqualTo("SUCCEEDED");
  }

  @Test
  void streamEntryAnswersAnEmptyFailureListWhenEveryRecordApplies() throws IOException {
    String answer = invoke(new StateAdvanceHandler(() -> runtime), "{\"Records\":[]}");
    assertThat(answer).isEqualTo("{\"batchItemFailures\":[]}");
  }

  @Test
  void theLambdaConstructorSurvivesAnIncompleteEnvironmentAndTheFirstEventReportsIt() {
    // the test JVM has no NESTFLOW_* variables: the background build fails quietly, the first use throws
    StateAdvanceHandler handler = new StateAdvanceHandler();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> invoke(handler, "{\"Records\":[]}"))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("is not set");
  }

  @Test
  void aLambdaTaskThatMightOutlastTheFunctionsRemainingTimeGoesToTheTaskQueueAndTheRunnerRunsItOnce() {
    String fn = "arn:aws:lambda:us-east-1:000000000000:function:Long";
    store.putStateMachine(new StateMachineRecord(MACHINE, "handler-test", "STANDARD",
        "{\"StartAt\":\"T\",\"States\":{\"T\":{\"Type\":\"Task\",\"Resource\":\"" + fn + "\",\"End\":true}}}",
        "arn:aws:iam::000000000000:role/test", 0));
    InMemoryQueue tasks = new InMemoryQueue(Clock.systemUTC());
    java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
    TaskInvoker function = request -> {
      calls.incrementAndGet();
      return new dev.nestflow.infrastructure.tasks.TaskOutcome.Succeeded(Json.parse("{\"done\":true}"));
    };
    ExecutionRuntime rt = new ExecutionRuntime(store, queue, tasks, function,
        dev.nestflow.infrastructure.tasks.InvocationPool.threads(4), Clock.systemUTC(), TaskTokens.randomKey());
    String arn = rt.commands().startExecution(MACHINE, "long", "{}").executionArn();
    StateAdvanceHandler handler = new StateAdvanceHandler(() -> rt);

    List<QueueMessage> start = queue.receive(10, Duration.ofSeconds(30));
    handler.handleBatch(event(start), remaining(Duration.ofSeconds(60)));
    start.forEach(m -> queue.delete(m.receiptHandle())); // as Lambda does (its group holds the answer back until then)
    assertThat(calls.get()).isZero();
    assertThat(tasks.size()).isOne();

    handler.handleBatch(event(tasks.receive(10, Duration.ofSeconds(30))), remaining(Duration.ofMinutes(15)));
    assertThat(calls.get()).isOne();
    handler.handleBatch(event(queue.receive(10, Duration.ofSeconds(30))), remaining(Duration.ofSeconds(60))); // the answer
    assertThat(store.execution(arn).orElseThrow().status()).isEqualTo("SUCCEEDED");
  }

  @Test
  void aMessageFailingOnItsLastReceiveBeforeTheDeadLetterQueueIsRecordedOnItsExecution() throws IOException {
    boolean[] broken = {true};
    dev.nestflow.infrastructure.store.ExecutionStore failing = new dev.nestflow.infrastructure.store.ForwardingExecutionStore(store) {
      @Override
      public boolean append(String executionArn, dev.nestflow.infrastructure.store.SignalEntry entry) {
        if (broken[0]) {
          throw new IllegalStateException("injected append failure");
        }
        return delegate.append(executionArn, entry);
      }
    };
    dev.nestflow.infrastructure.embedded.VirtualClock clock =
        new dev.nestflow.infrastructure.embedded.VirtualClock(java.time.Instant.parse("2026-01-01T00:00:00Z"));
    InMemoryQueue q = new InMemoryQueue(clock);
    ExecutionRuntime rt = new ExecutionRuntime(failing, q, TaskInvoker.none(), clock, TaskTokens.randomKey());
    store.putStateMachine(new StateMachineRecord(MACHINE, "handler-test", "STANDARD",
        "{\"StartAt\":\"W\",\"States\":{\"W\":{\"Type\":\"Wait\",\"Seconds\":1,\"End\":true}}}",
        "arn:aws:iam::000000000000:role/test", 0));
    String arn = rt.commands().startExecution(MACHINE, "poisoned", "{}").executionArn();
    StateAdvanceHandler handler = new StateAdvanceHandler(() -> rt);
    QueueMessage start = q.receive(1, Duration.ofSeconds(30)).get(0);
    invoke(handler, eventOf(start, "start"));
    q.delete(start.receiptHandle());
    clock.advance(Duration.ofSeconds(1));
    QueueMessage timer = q.receive(1, Duration.ofSeconds(30)).get(0);

    for (int receive = 1; receive < StateAdvanceHandler.DEAD_LETTER_RECEIVE; receive++) {
      assertThat(invoke(handler, eventOf(timer, "timer", receive))).contains("timer");
      assertThat(store.deadLetters(arn)).isEmpty();
    }
    assertThat(invoke(handler, eventOf(timer, "timer", StateAdvanceHandler.DEAD_LETTER_RECEIVE))).contains("timer");
    assertThat(store.deadLetters(arn)).singleElement().satisfies(note -> {
      assertThat(note.reason()).contains("injected append failure");
      assertThat(note.receiveCount()).isEqualTo(StateAdvanceHandler.DEAD_LETTER_RECEIVE);
      assertThat(note.signalId()).startsWith("timer:");
    });
    assertThat(store.execution(arn).orElseThrow().status()).isEqualTo("RUNNING");

    broken[0] = false; // fixed: the message, redriven from the DLQ, is applied
    assertThat(invoke(handler, eventOf(timer, "timer", 1))).isEqualTo("{\"batchItemFailures\":[]}");
    assertThat(store.execution(arn).orElseThrow().status()).isEqualTo("SUCCEEDED");
  }

  private static com.amazonaws.services.lambda.runtime.events.SQSEvent event(List<QueueMessage> messages) {
    com.amazonaws.services.lambda.runtime.events.SQSEvent event = new com.amazonaws.services.lambda.runtime.events.SQSEvent();
    event.setRecords(messages.stream().map(m -> {
      com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage r =
          new com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage();
      r.setMessageId(m.receiptHandle());
      r.setReceiptHandle(m.receiptHandle());
      r.setBody(m.body());
      return r;
    }).toList());
    return event;
  }

  /** A Lambda context with {@code left} of the call's time remaining. */
  private static com.amazonaws.services.lambda.runtime.Context remaining(Duration left) {
    return (com.amazonaws.services.lambda.runtime.Context) java.lang.reflect.Proxy.newProxyInstance(
        StateAdvanceHandlerTest.class.getClassLoader(), new Class<?>[] {com.amazonaws.services.lambda.runtime.Context.class},
        (proxy, method, args) -> method.getName().equals("getRemainingTimeInMillis") ? (int) left.toMillis() : null);
  }

  private static String invoke(StateAdvanceHandler handler, String event) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
    return out.toString(StandardCharsets.UTF_8);
  }
}
