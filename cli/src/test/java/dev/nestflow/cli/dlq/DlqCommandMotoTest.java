package dev.nestflow.cli.dlq;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nestflow.cli.CliRun;
import dev.nestflow.core.json.Json;
import dev.nestflow.infrastructure.keys.Keyring;
import dev.nestflow.infrastructure.queue.MessageSeal;
import dev.nestflow.infrastructure.queue.QueueMessage;
import dev.nestflow.infrastructure.queue.SqsQueue;
import dev.nestflow.infrastructure.store.DeadLetterNote;
import dev.nestflow.infrastructure.store.DynamoDbExecutionStore;
import dev.nestflow.infrastructure.tasks.AwsCredentials;
import dev.nestflow.infrastructure.testing.MotoServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * {@code nestflow dlq} against a deployed stack's queues and table (on moto_server): list decodes the
 * dead-lettered messages with the reason recorded on their execution, redrive moves them back to the
 * transitions queue byte for byte, so their signature still verifies.
 */
class DlqCommandMotoTest {
  private static final String ARN = "arn:aws:states:us-east-1:123456789012:execution:Orders:o-1";

  @Test
  void listDecodesTheDeadLetteredMessagesAndRedriveMovesThemBackUnchanged() throws Exception {
    try (MotoServer moto = MotoServer.start();
        SqsClient sqs = SqsClient.builder().endpointOverride(moto.endpoint()).region(Region.US_EAST_1)
            .credentialsProvider(AwsCredentials.emulatorCredentials()).httpClientBuilder(UrlConnectionHttpClient.builder()).build();
        DynamoDbClient dynamo = DynamoDbClient.builder().endpointOverride(moto.endpoint()).region(Region.US_EAST_1)
            .credentialsProvider(AwsCredentials.emulatorCredentials()).httpClientBuilder(UrlConnectionHttpClient.builder()).build()) {
      String queueUrl = SqsQueue.createQueue(sqs, "transitions");
      String dlqUrl = SqsQueue.createQueue(sqs, "transitions-dlq");
      DynamoDbExecutionStore.createTable(dynamo, "executions");
      new DynamoDbExecutionStore(dynamo, "executions")
          .noteDeadLetter(ARN, new DeadLetterNote("timer:x#wait1@2", "java.lang.IllegalStateException: bug 42", 5, 1_000));
      MessageSeal seal = new MessageSeal(Keyring.random());
      String sealed = seal.seal("{\"arn\":\"" + ARN + "\",\"id\":\"timer:x#wait1@2\",\"signal\":{\"type\":\"TimerFired\",\"key\":\"x#wait1\"}}");
      new SqsQueue(sqs, dlqUrl).send(sealed, Duration.ZERO);
      String[] stack = {"--dlq-url", dlqUrl, "--sqs-endpoint", moto.endpoint().toString(), "--region", "us-east-1"};

      CliRun listed = CliRun.of(concat(new String[] {"dlq", "list", "--table", "executions", "--dynamodb-endpoint",
          moto.endpoint().toString()}, stack));
      assertThat(listed.exit()).as(listed.err()).isZero();
      var line = Json.parse(listed.out().strip());
      assertThat(line.path("executionArn").asText()).isEqualTo(ARN);
      assertThat(line.path("signalId").asText()).isEqualTo("timer:x#wait1@2");
      assertThat(line.path("signal").asText()).isEqualTo("TimerFired");
      assertThat(line.path("reason").asText()).isEqualTo("java.lang.IllegalStateException: bug 42");
      assertThat(line.path("failedAt").asText()).isEqualTo("1970-01-01T00:00:01Z");
      assertThat(line.path("receiveCount").asInt()).isPositive();

      CliRun redriven = CliRun.of(concat(new String[] {"dlq", "redrive", "--queue-url", queueUrl}, stack));
      assertThat(redriven.exit()).as(redriven.err()).isZero();
      assertThat(redriven.out()).contains("moved 1 message(s)");
      List<QueueMessage> back = new SqsQueue(sqs, queueUrl).receive(10, Duration.ofSeconds(5));
      assertThat(back).extracting(QueueMessage::body).containsExactly(sealed);
      assertThat(seal.open(back.get(0).body())).contains(ARN);
      assertThat(new SqsQueue(sqs, dlqUrl).receive(10, Duration.ofSeconds(5))).isEmpty();
    }
  }

  @Test
  void redriveWithoutTheTransitionsQueueSaysWhatIsMissing() {
    CliRun run = CliRun.of("dlq", "redrive", "--dlq-url", "http://127.0.0.1:1/q");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("--queue-url");
  }

  private static String[] concat(String[] a, String[] b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
