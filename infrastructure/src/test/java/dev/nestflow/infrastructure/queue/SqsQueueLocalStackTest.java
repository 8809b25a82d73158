package dev.nestflow.infrastructure.queue;

import dev.nestflow.infrastructure.testing.AwsTestClients;
import dev.nestflow.infrastructure.testing.LocalStackImage;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The queue contract against SQS as LocalStack emulates it; skipped without a Docker engine. */
@Testcontainers(disabledWithoutDocker = true)
class SqsQueueLocalStackTest extends MessageQueueContract {
  @Container
  static final LocalStackContainer LOCALSTACK =
      new LocalStackContainer(LocalStackImage.NAME).withServices(LocalStackContainer.Service.SQS);

  private static SqsClient client;

  @BeforeAll
  static void connect() {
    client = AwsTestClients.sqs(LOCALSTACK.getEndpoint());
  }

  @AfterAll
  static void disconnect() {
    if (client != null) {
      client.close();
    }
  }

  @Override
  protected MessageQueue newQueue() {
    return new SqsQueue(client, SqsQueue.createQueue(client, "q-" + UUID.randomUUID()));
  }

  @Override
  protected void elapse(Duration d) {
    RealTime.elapse(d);
  }

  /** not checked here (no Docker engine): allowed, as SQS documents. */
  @Override
  protected boolean staleHandleLeavesTheMessage() {
    return false;
  }
}
