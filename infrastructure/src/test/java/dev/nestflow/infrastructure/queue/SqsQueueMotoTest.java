package dev.nestflow.infrastructure.queue;

import dev.nestflow.infrastructure.testing.AwsTestClients;
import dev.nestflow.infrastructure.testing.MotoServer;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The queue contract against SQS as moto_server emulates it, in real time. */
class SqsQueueMotoTest extends MessageQueueContract {
  private static MotoServer moto;
  private static SqsClient client;

  @BeforeAll
  static void startMoto() throws Exception {
    moto = MotoServer.start();
    client = AwsTestClients.sqs(moto.endpoint());
  }

  @AfterAll
  static void stopMoto() {
    if (client != null) {
      client.close();
    }
    if (moto != null) {
      moto.close();
    }
  }

  @Override
  protected MessageQueue newQueue() {
    return new SqsQueue(client, SqsQueue.createQueue(client, "q-" + UUID.randomUUID()));
  }

  @Override
  protected MessageQueue newGroupedQueue() {
    return new SqsQueue(client, SqsQueue.createQueue(client, "q-" + UUID.randomUUID() + ".fifo"));
  }

  @Override
  protected void elapse(Duration d) {
    RealTime.elapse(d);
  }

  /** moto 5.2.1 deletes a message through any handle it was ever received with. */
  @Override
  protected boolean staleHandleLeavesTheMessage() {
    return false;
  }
}
