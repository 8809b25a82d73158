package dev.nestflow.infrastructure.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nestflow.infrastructure.keys.FixedKeys;
import dev.nestflow.infrastructure.keys.Key;
import dev.nestflow.infrastructure.keys.Keyring;
import dev.nestflow.infrastructure.queue.InMemoryQueue;
import dev.nestflow.infrastructure.queue.MessageSeal;
import dev.nestflow.infrastructure.queue.QueueMessage;
import dev.nestflow.infrastructure.queue.SignedQueue;
import dev.nestflow.core.json.Json;
import dev.nestflow.infrastructure.store.ExecutionStore;
import dev.nestflow.infrastructure.store.ForwardingExecutionStore;
import dev.nestflow.infrastructure.store.InMemoryExecutionStore;
import dev.nestflow.infrastructure.store.StateMachineRecord;
import dev.nestflow.infrastructure.store.TokenRecord;
import dev.nestflow.infrastructure.tasks.TaskInvoker;
import dev.nestflow.infrastructure.tasks.TaskOutcome;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A key rotation while executions wait: executions started after it mint with the new key, those
 * started before keep minting with the key they recorded (so their history and token items never
 * change), and what the previous key made (a waiting task's token, a message still in the queue)
 * keeps working.
 */
class KeyRotationTest {
  private static final String ACTIVITY = "arn:aws:states:us-east-1:123456789012:activity:approve";
  private static final String MACHINE = "arn:aws:states:us-east-1:123456789012:stateMachine:Approval";
  private final Key before = Key.fixed("the-key-before-rotation-0123456".getBytes(StandardCharsets.UTF_8));
  private final Key after = Key.fixed("the-key-after-rotation-01234567".getBytes(StandardCharsets.UTF_8));
  private final InMemoryExecutionStore store = new InMemoryExecutionStore();
  private final InMemoryQueue queue = new InMemoryQueue(Clock.systemUTC());
  private final List<String> refused = new ArrayList<>();

  private ExecutionRuntime functions(Keyring keys) {
    return new ExecutionRuntime(store, new SignedQueue(queue, new MessageSeal(keys), refused::add), TaskInvoker.none(),
        Clock.systemUTC(), new TaskTokens(keys));
  }

  @Test
  void tokensAndMessagesOfThePreviousKeyKeepWorkingAfterARotation() {
    ExecutionRuntime old = functions(Keyring.of(before));
    store.putStateMachine(new StateMachineRecord(MACHINE, "Approval", "STANDARD",
        "{\"StartAt\":\"Approve\",\"States\":{\"Approve\":{\"Type\":\"Task\",\"Resource\":\"" + ACTIVITY + "\",\"End\":true}}}",
        "arn:aws:iam::123456789012:role/r", 0));
    old.commands().activities().createActivity(ACTIVITY);
    String waiting = old.commands().startExecution(MACHINE, "waiting", "{}").executionArn();
    drain(old);
    String oldToken = old.commands().activities().getActivityTask(ACTIVITY, "w").orElseThrow().taskToken();
    drain(old);
    assertThat(oldToken).startsWith(before.id() + ".");
    String inFlight = old.commands().startExecution(MACHINE, "in-flight", "{}").executionArn();   // its start message: signed before

    ExecutionRuntime rotated = functions(new Keyring(FixedKeys.of(after, before)));
    drain(rotated);
    String inFlightToken = rotated.commands().activities().getActivityTask(ACTIVITY, "w").orElseThrow().taskToken();
    assertThat(inFlightToken).startsWith(before.id() + ".");   // started before the rotation: its key
    String later = rotated.commands().startExecution(MACHINE, "later", "{}").executionArn();
    drain(rotated);
    String newToken = rotated.commands().activities().getActivityTask(ACTIVITY, "w").orElseThrow().taskToken();
    assertThat(newToken).startsWith(after.id() + ".");
    rotated.commands().sendTaskSuccess(oldToken, "{\"by\":\"old token\"}");
    rotated.commands().sendTaskSuccess(inFlightToken, "{\"by\":\"in-flight token\"}");
    rotated.commands().sendTaskSuccess(newToken, "{\"by\":\"new token\"}");
    drain(rotated);

    assertThat(refused).isEmpty();
    assertThat(rotated.commands().describe(waiting).orElseThrow().status()).isEqualTo("SUCCEEDED");
    assertThat(rotated.commands().describe(inFlight).orElseThrow().status()).isEqualTo("SUCCEEDED");
    assertThat(rotated.commands().describe(later).orElseThrow().status()).isEqualTo("SUCCEEDED");
  }

  @Test
  void aRotationDuringAnExecutionChangesNeitherTheTokenInItsHistoryNorItsTokenItems() {
    List<String> invokedWith = new ArrayList<>();
    List<String> registered = new ArrayList<>();
    ExecutionStore recording = new ForwardingExecutionStore(store) {
      @Override
      public boolean putToken(TokenRecord token) {
        registered.add(token.token());
        return super.putToken(token);
      }
    };
    TaskInvoker callback = request -> {
      invokedWith.add(request.token());
      return new TaskOutcome.Pending(Json.parse("{\"MessageId\":\"m-1\"}"));
    };
    store.putStateMachine(new StateMachineRecord(MACHINE, "Approval", "STANDARD",
        "{\"StartAt\":\"Ask\",\"States\":{\"Ask\":{\"Type\":\"Task\",\"Resource\":\"arn:aws:states:::sqs:sendMessage.waitForTaskToken\","
            + "\"Parameters\":{\"QueueUrl\":\"q\",\"MessageBody\":{\"token.$\":\"$$.Task.Token\"}},\"End\":true}}}",
        "arn:aws:iam::123456789012:role/r", 0));
    ExecutionRuntime old = new ExecutionRuntime(recording, queue, callback, Clock.systemUTC(), new TaskTokens(Keyring.of(before)));
    String arn = old.commands().startExecution(MACHINE, "rotated-while-waiting", "{}").executionArn();
    QueueMessage startMessage = queue.receive(1, Duration.ofSeconds(30)).get(0);
    String start = startMessage.body();   // kept: delivered again after the rotation
    old.stateAdvance().handle(start);
    queue.delete(startMessage.receiptHandle());
    String token = invokedWith.get(0);
    String historyBefore = Json.write(Json.MAPPER.valueToTree(old.commands().describe(arn).orElseThrow().history()));

    ExecutionRuntime rotated =
        new ExecutionRuntime(recording, queue, callback, Clock.systemUTC(), new TaskTokens(new Keyring(FixedKeys.of(after, before))));
    rotated.stateAdvance().handle(start);   // a redelivered start: its still-due effects are performed again

    assertThat(token).startsWith(before.id() + ".");
    assertThat(Json.write(Json.MAPPER.valueToTree(rotated.commands().describe(arn).orElseThrow().history())))
        .contains(token).isEqualTo(historyBefore);
    assertThat(registered).isNotEmpty().containsOnly(token);
    assertThat(invokedWith).containsOnly(token);
    rotated.commands().sendTaskSuccess(token, "{\"ok\":true}");
    for (List<QueueMessage> batch = queue.receive(10, Duration.ofSeconds(30)); !batch.isEmpty();
        batch = queue.receive(10, Duration.ofSeconds(30))) {
      for (QueueMessage m : batch) {
        rotated.stateAdvance().handle(m.body());
        queue.delete(m.receiptHandle());
      }
    }
    assertThat(rotated.commands().describe(arn).orElseThrow().status()).isEqualTo("SUCCEEDED");
  }

  private void drain(ExecutionRuntime runtime) {
    SignedQueue consumer = new SignedQueue(queue, new MessageSeal(new Keyring(FixedKeys.of(after, before))), refused::add);
    for (List<QueueMessage> batch = consumer.receive(10, Duration.ofSeconds(30)); !batch.isEmpty();
        batch = consumer.receive(10, Duration.ofSeconds(30))) {
      for (QueueMessage m : batch) {
        if (runtime.stateAdvance().handle(m.body(), m.receiptHandle(), m.receiveCount())) {
          consumer.delete(m.receiptHandle());
        }
      }
    }
  }
}
