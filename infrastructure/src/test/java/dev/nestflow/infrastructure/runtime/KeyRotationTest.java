package dev.nestflow.infrastructure.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nestflow.infrastructure.keys.FixedKeys;
import dev.nestflow.infrastructure.keys.Key;
import dev.nestflow.infrastructure.keys.Keyring;
import dev.nestflow.infrastructure.queue.InMemoryQueue;
import dev.nestflow.infrastructure.queue.MessageSeal;
import dev.nestflow.infrastructure.queue.QueueMessage;
import dev.nestflow.infrastructure.queue.SignedQueue;
import dev.nestflow.infrastructure.store.InMemoryExecutionStore;
import dev.nestflow.infrastructure.store.StateMachineRecord;
import dev.nestflow.infrastructure.tasks.TaskInvoker;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A key rotation while executions wait: the functions started after it mint with the new key, and
 * what the previous key made (a waiting task's token, a message still in the queue) keeps working.
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
    String newToken = rotated.commands().activities().getActivityTask(ACTIVITY, "w").orElseThrow().taskToken();
    assertThat(newToken).startsWith(after.id() + ".");
    rotated.commands().sendTaskSuccess(oldToken, "{\"by\":\"old token\"}");
    rotated.commands().sendTaskSuccess(newToken, "{\"by\":\"new token\"}");
    drain(rotated);

    assertThat(refused).isEmpty();
    assertThat(rotated.commands().describe(waiting).orElseThrow().status()).isEqualTo("SUCCEEDED");
    assertThat(rotated.commands().describe(inFlight).orElseThrow().status()).isEqualTo("SUCCEEDED");
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
