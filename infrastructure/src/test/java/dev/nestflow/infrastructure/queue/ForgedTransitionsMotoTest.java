package dev.nestflow.infrastructure.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nestflow.core.interpreter.ExecutionResult;
import dev.nestflow.core.json.Json;
import dev.nestflow.infrastructure.keys.Key;
import dev.nestflow.infrastructure.keys.Keyring;
import dev.nestflow.infrastructure.runtime.Activities;
import dev.nestflow.infrastructure.runtime.ExecutionRuntime;
import dev.nestflow.infrastructure.runtime.TaskTokens;
import dev.nestflow.infrastructure.store.DynamoDbExecutionStore;
import dev.nestflow.infrastructure.store.StateMachineRecord;
import dev.nestflow.infrastructure.tasks.TaskInvoker;
import dev.nestflow.infrastructure.testing.AwsTestClients;
import dev.nestflow.infrastructure.testing.MotoServer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The attack of issue 12 on SQS and DynamoDB as moto_server emulates them: somebody who can send
 * to the transitions queue puts hand-made messages on it (an answer to another execution's waiting
 * task, a stop, an altered genuine message). Each is refused and logged, and the execution is as
 * it was: still waiting, its history unchanged; the genuine answer then ends it.
 */
class ForgedTransitionsMotoTest {
  private static final String ACTIVITY = "arn:aws:states:us-east-1:123456789012:activity:approve";
  private static final String MACHINE = "arn:aws:states:us-east-1:123456789012:stateMachine:Approval";

  private static MotoServer moto;
  private static DynamoDbClient dynamo;
  private static SqsClient sqs;

  @BeforeAll
  static void startMoto() throws Exception {
    moto = MotoServer.start();
    dynamo = AwsTestClients.dynamoDb(moto.endpoint());
    sqs = AwsTestClients.sqs(moto.endpoint());
  }

  @AfterAll
  static void stopMoto() {
    if (sqs != null) {
      sqs.close();
    }
    if (dynamo != null) {
      dynamo.close();
    }
    if (moto != null) {
      moto.close();
    }
  }

  @Test
  void forgedUnsignedAlteredAndForeignKeyMessagesAreRefusedLoggedAndChangeNothing() {
    DynamoDbExecutionStore.createTable(dynamo, "forged");
    DynamoDbExecutionStore store = new DynamoDbExecutionStore(dynamo, "forged");
    String queueUrl = SqsQueue.createQueue(sqs, "forged-transitions");
    Keyring keys = Keyring.of(Key.fixed("the-functions-own-key-0123456789".getBytes(StandardCharsets.UTF_8)));
    List<String> log = new CopyOnWriteArrayList<>();
    MessageSeal seal = new MessageSeal(keys);
    SignedQueue queue = new SignedQueue(new SqsQueue(sqs, queueUrl), seal, log::add);
    ExecutionRuntime runtime = new ExecutionRuntime(store, queue, TaskInvoker.none(), Clock.systemUTC(), new TaskTokens(keys));
    store.putStateMachine(new StateMachineRecord(MACHINE, "Approval", "STANDARD",
        "{\"StartAt\":\"Approve\",\"States\":{\"Approve\":{\"Type\":\"Task\",\"Resource\":\"" + ACTIVITY + "\",\"End\":true}}}",
        "arn:aws:iam::123456789012:role/r", 0));
    runtime.commands().activities().createActivity(ACTIVITY);
    String arn = runtime.commands().startExecution(MACHINE, "victim", "{}").executionArn();
    drain(queue, runtime);
    Activities.ActivityTask task = runtime.commands().activities().getActivityTask(ACTIVITY, "worker").orElseThrow();
    drain(queue, runtime);
    String taskKey = store.token(task.taskToken()).orElseThrow().taskKey();
    int events = describe(runtime, arn).history().size();

    String forged = "{\"arn\":\"" + arn + "\",\"id\":\"token:" + taskKey + ":forged\",\"signal\":{\"type\":\"TaskSucceeded\","
        + "\"key\":\"" + taskKey + "\",\"output\":{\"approved\":\"by the attacker\"}}}";
    String stop = "{\"arn\":\"" + arn + "\",\"id\":\"stop:forged\",\"signal\":{\"type\":\"Stop\",\"error\":\"Forged\"}}";
    String genuine = seal.seal("{\"arn\":\"" + arn + "\",\"id\":\"token:" + taskKey + ":x\",\"signal\":{\"type\":\"TaskSucceeded\","
        + "\"key\":\"" + taskKey + "\",\"output\":{\"approved\":\"no\"}}}");
    String altered = genuine.replace("\"approved\":\"no\"", "\"approved\":\"yes\"");
    Key foreign = new Key(keys.current().id(), "a-key-the-attacker-made-up-01234".getBytes(StandardCharsets.UTF_8));
    String foreignKey = new MessageSeal(Keyring.of(foreign)).seal(forged);
    String unknownKey = new MessageSeal(Keyring.of(Key.fixed("another-key-altogether-012345678".getBytes(StandardCharsets.UTF_8))))
        .seal(stop);
    for (String body : List.of(forged, stop, altered, foreignKey, unknownKey)) {
      sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(body));
    }

    drain(queue, runtime);

    assertThat(log).hasSize(5).allSatisfy(line -> assertThat(line).startsWith("refused transition message "));
    assertThat(log).anySatisfy(line -> assertThat(line).contains(": unsigned: "));
    assertThat(log).anySatisfy(line -> assertThat(line).contains("signature does not match"));
    assertThat(log).anySatisfy(line -> assertThat(line).contains("unknown key"));
    ExecutionResult after = describe(runtime, arn);
    assertThat(after.status()).isEqualTo("RUNNING");
    assertThat(after.history()).hasSize(events);
    assertThat(sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNamesWithStrings("ApproximateNumberOfMessages"))
        .attributesAsStrings().get("ApproximateNumberOfMessages")).isEqualTo("0");

    runtime.commands().sendTaskSuccess(task.taskToken(), "{\"approved\":\"by the worker\"}");
    drain(queue, runtime);
    assertThat(describe(runtime, arn).status()).isEqualTo("SUCCEEDED");
    assertThat(describe(runtime, arn).output()).isEqualTo(Json.parse("{\"approved\":\"by the worker\"}"));
  }

  private static ExecutionResult describe(ExecutionRuntime runtime, String arn) {
    return runtime.commands().describe(arn).orElseThrow();
  }

  /** Applies what the queue hands over, as serve's transition loop does, until it stays empty. */
  private static void drain(MessageQueue queue, ExecutionRuntime runtime) {
    for (int empty = 0; empty < 2; ) {
      List<QueueMessage> batch = queue.receive(10, Duration.ofSeconds(30));
      if (batch.isEmpty()) {
        empty++;
        continue;
      }
      empty = 0;
      for (QueueMessage m : batch) {
        if (runtime.stateAdvance().handle(m.body(), m.receiptHandle(), m.receiveCount())) {
          queue.delete(m.receiptHandle());
        }
      }
    }
  }
}
