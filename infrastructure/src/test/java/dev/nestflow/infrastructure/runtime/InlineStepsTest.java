package dev.nestflow.infrastructure.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nestflow.core.json.Json;
import dev.nestflow.infrastructure.queue.InMemoryQueue;
import dev.nestflow.infrastructure.queue.QueueMessage;
import dev.nestflow.infrastructure.store.InMemoryExecutionStore;
import dev.nestflow.infrastructure.store.SignalEntry;
import dev.nestflow.infrastructure.store.StateMachineRecord;
import dev.nestflow.infrastructure.tasks.TaskInvoker;
import dev.nestflow.infrastructure.tasks.TaskOutcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Answers that are known while a step runs (synchronous tasks, timers already due) are applied in
 * the same call, and a runtime whose cached execution is behind the log never decides on it alone.
 */
class InlineStepsTest {
  private static final String SM = "arn:aws:states:us-east-1:123456789012:stateMachine:";
  private final Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
  private final InMemoryExecutionStore store = new InMemoryExecutionStore();
  private final InMemoryQueue queue = new InMemoryQueue(clock);
  private final TaskTokens tokens = TaskTokens.randomKey();
  private final List<String> callbackTokens = new ArrayList<>();
  private int invocations;
  private final TaskInvoker tasks = request -> {
    invocations++;
    if (request.token() != null) {
      callbackTokens.add(request.token());
      return new TaskOutcome.Pending(null);
    }
    return new TaskOutcome.Succeeded(Json.parse("{\"n\":" + invocations + "}"));
  };

  private ExecutionRuntime runtime() {
    return new ExecutionRuntime(store, queue, tasks, clock, tokens);
  }

  private String machine(String name, String definition) {
    store.putStateMachine(new StateMachineRecord(SM + name, name, "STANDARD", definition, "arn:aws:iam::1:role/r", 0));
    return SM + name;
  }

  /** Receives and handles every visible message with {@code runtime}; returns how many there were. */
  private int drain(ExecutionRuntime runtime) {
    int handled = 0;
    for (List<QueueMessage> batch = queue.receive(10, Duration.ofSeconds(30)); !batch.isEmpty();
        batch = queue.receive(10, Duration.ofSeconds(30))) {
      for (QueueMessage m : batch) {
        runtime.stateAdvance().handle(m.body());
        queue.delete(m.receiptHandle());
        handled++;
      }
    }
    return handled;
  }

  @Test
  void synchronousTasksRunInTheStartMessagesCallWithOneAppendEach() {
    String sm = machine("Tasks", "{\"StartAt\":\"A\",\"States\":{"
        + "\"A\":{\"Type\":\"Task\",\"Resource\":\"arn:aws:lambda:us-east-1:1:function:f\",\"Next\":\"W\"},"
        + "\"W\":{\"Type\":\"Wait\",\"Seconds\":0,\"Next\":\"B\"},"
        + "\"B\":{\"Type\":\"Task\",\"Resource\":\"arn:aws:lambda:us-east-1:1:function:f\",\"Next\":\"P\"},"
        + "\"P\":{\"Type\":\"Pass\",\"End\":true}}}");
    ExecutionRuntime runtime = runtime();
    String arn = runtime.commands().startExecution(sm, "inline", "{}").executionArn();

    int messages = drain(runtime);

    assertThat(messages).isEqualTo(1);
    assertThat(store.execution(arn).orElseThrow().status()).isEqualTo("SUCCEEDED");
    assertThat(store.execution(arn).orElseThrow().outputText()).isEqualTo("{\"n\":2}");
    assertThat(store.signals(arn)).extracting(SignalEntry::signalId)
        .satisfiesExactly(
            id -> assertThat(id).isEqualTo("start"),
            id -> assertThat(id).startsWith("task:").endsWith("@1"),
            id -> assertThat(id).startsWith("task:").endsWith("@2"));
  }

  @Test
  void anAnswerForATaskAnotherRuntimeEnteredIsAppliedByARuntimeWhoseCacheIsBehind() {
    String sm = machine("TwoWaits", "{\"StartAt\":\"First\",\"States\":{"
        + "\"First\":{\"Type\":\"Task\",\"Resource\":\"arn:aws:states:::sqs:sendMessage.waitForTaskToken\","
        + "\"Parameters\":{\"QueueUrl\":\"q\",\"MessageBody.$\":\"$$.Task.Token\"},\"Next\":\"Second\"},"
        + "\"Second\":{\"Type\":\"Task\",\"Resource\":\"arn:aws:states:::sqs:sendMessage.waitForTaskToken\","
        + "\"Parameters\":{\"QueueUrl\":\"q\",\"MessageBody.$\":\"$$.Task.Token\"},\"End\":true}}}");
    ExecutionRuntime a = runtime();
    ExecutionRuntime b = runtime();
    String arn = a.commands().startExecution(sm, "stale", "{}").executionArn();
    drain(a);                                   // a caches the execution waiting on First
    b.commands().sendTaskSuccess(callbackTokens.get(0), "{\"first\":1}");
    drain(b);                                   // b moves it on to Second; a's cache is now behind

    a.commands().sendTaskSuccess(callbackTokens.get(1), "{\"second\":2}");
    drain(a);                                   // a must not drop the answer on the word of its cache

    assertThat(store.execution(arn).orElseThrow().status()).isEqualTo("SUCCEEDED");
    assertThat(store.execution(arn).orElseThrow().outputText()).isEqualTo("{\"second\":2}");
  }

  @Test
  void aRuntimeWhoseCacheIsBehindAppendsAfterTheLogNotOverIt() {
    String sm = machine("Waits", "{\"StartAt\":\"Ask\",\"States\":{"
        + "\"Ask\":{\"Type\":\"Task\",\"Resource\":\"arn:aws:states:::sqs:sendMessage.waitForTaskToken\","
        + "\"Parameters\":{\"QueueUrl\":\"q\",\"MessageBody.$\":\"$$.Task.Token\"},\"Next\":\"Pause\"},"
        + "\"Pause\":{\"Type\":\"Wait\",\"Seconds\":60,\"End\":true}}}");
    ExecutionRuntime a = runtime();
    ExecutionRuntime b = runtime();
    String arn = a.commands().startExecution(sm, "behind", "{}").executionArn();
    drain(a);
    b.commands().sendTaskSuccess(callbackTokens.get(0), "{}");
    drain(b);                                   // b appended the answer: a's cache lacks it
    a.commands().stopExecution(arn, "Stopped", "by a");

    drain(a);

    assertThat(store.execution(arn).orElseThrow().status()).isEqualTo("ABORTED");
    assertThat(store.signals(arn)).extracting(SignalEntry::seq).containsExactly(1L, 2L, 3L);
    assertThat(store.signals(arn).get(2).signalId()).isEqualTo("stop");
  }
}
