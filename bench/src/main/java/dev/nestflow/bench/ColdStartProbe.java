package dev.nestflow.bench;

import dev.nestflow.infrastructure.queue.MessageQueue;
import dev.nestflow.infrastructure.queue.QueueMessage;
import dev.nestflow.infrastructure.queue.SqsQueue;
import dev.nestflow.infrastructure.runtime.ExecutionRuntime;
import dev.nestflow.infrastructure.runtime.TaskTokens;
import dev.nestflow.infrastructure.store.DynamoDbExecutionStore;
import dev.nestflow.infrastructure.store.ExecutionStore;
import dev.nestflow.infrastructure.tasks.TaskInvoker;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * What a state-advance Lambda does on a cold start, in a fresh JVM: build the DynamoDB and SQS
 * clients and the runtime, take the first batch of transition messages and apply it. Run by
 * {@link ColdStart} as {@code java -cp <jar> dev.nestflow.bench.ColdStartProbe ENDPOINT TABLE QUEUE_URL SPAWN_MILLIS};
 * prints {@code runtime_built_ms batch_applied_ms clients_built_ms batch_received_ms}, each counted
 * from SPAWN_MILLIS (when the parent started this JVM).
 * Uses only the runtime's classes (infrastructure and core) and the AWS SDK.
 */
public final class ColdStartProbe {
  private ColdStartProbe() {}

  public static void main(String[] args) {
    long spawn = Long.parseLong(args[3]);
    StaticCredentialsProvider creds = StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
    URI endpoint = URI.create(args[0]);
    DynamoDbClient dynamo = DynamoDbClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
        .credentialsProvider(creds).httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    SqsClient sqs = SqsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
        .credentialsProvider(creds).httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    long clients = System.currentTimeMillis() - spawn;
    ExecutionStore store = new DynamoDbExecutionStore(dynamo, args[1]);
    MessageQueue queue = new SqsQueue(sqs, args[2]);
    ExecutionRuntime runtime = new ExecutionRuntime(store, queue, TaskInvoker.none(), Clock.systemUTC(), TaskTokens.randomKey());
    long init = System.currentTimeMillis() - spawn;
    List<QueueMessage> batch = List.of();
    while (batch.isEmpty()) {
      batch = queue.receive(10, Duration.ofSeconds(30));
    }
    long received = System.currentTimeMillis() - spawn;
    for (QueueMessage m : batch) {
      runtime.stateAdvance().handle(m.body());
      queue.delete(m.receiptHandle());
    }
    long done = System.currentTimeMillis() - spawn;
    System.out.println(init + " " + done + " " + clients + " " + received);
  }

  /** Receives until a batch arrives, applies and deletes each message; returns the batch size. */
  static int handleFirstBatch(ExecutionRuntime runtime, MessageQueue queue) {
    while (true) {
      List<QueueMessage> batch = queue.receive(10, Duration.ofSeconds(30));
      for (QueueMessage m : batch) {
        runtime.stateAdvance().handle(m.body());
        queue.delete(m.receiptHandle());
      }
      if (!batch.isEmpty()) {
        return batch.size();
      }
    }
  }
}
