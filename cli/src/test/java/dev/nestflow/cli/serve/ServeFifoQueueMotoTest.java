package dev.nestflow.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nestflow.cli.tasks.LocalTasks;
import dev.nestflow.infrastructure.testing.AwsTestClients;
import dev.nestflow.infrastructure.testing.MotoServer;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * {@code nestflow serve --queue name.fifo} on moto_server: the transitions queue is FIFO (one group
 * per execution), the timers queue {@code name-timers} next to it is standard, and a Map whose
 * iterations wait runs to the right output through both.
 */
class ServeFifoQueueMotoTest {
  private static final String MAP = "{\"StartAt\":\"M\",\"States\":{\"M\":{\"Type\":\"Map\",\"ItemsPath\":\"$.items\","
      + "\"Iterator\":{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"Next\":\"W\"},"
      + "\"W\":{\"Type\":\"Wait\",\"Seconds\":1,\"Next\":\"Q\"},\"Q\":{\"Type\":\"Pass\",\"End\":true}}},\"End\":true}}}";

  @Test
  void aFifoQueueNameGetsAFifoTransitionsQueueAndAStandardTimersQueueAndAMapWithWaitsEndsRight() throws Exception {
    try (MotoServer moto = MotoServer.start(); SqsClient sqs = AwsTestClients.sqs(moto.endpoint())) {
      LocalService.Options defaults = LocalService.Options.defaults();
      LocalService.Options options = new LocalService.Options(defaults.host(), 0, defaults.region(), defaults.account(),
          moto.endpoint(), "nestflow", moto.endpoint(), "transitions.fifo", LocalTasks.defaults(), null, 2);
      try (LocalService service = LocalService.start(options, m -> {});
          SfnClient sfn = ServeClient.client(URI.create("http://127.0.0.1:" + service.port()))) {
        String machine = sfn.createStateMachine(b -> b.name("fan").definition(MAP)
            .roleArn("arn:aws:iam::123456789012:role/nestflow-test")).stateMachineArn();
        String execution = sfn.startExecution(r -> r.stateMachineArn(machine).input("{\"items\":[1,2,3,4,5,6,7,8]}"))
            .executionArn();
        DescribeExecutionResponse done = awaitEnd(sfn, execution);

        assertThat(done.status()).as(done.error() + ": " + done.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(done.output()).isEqualTo("[1,2,3,4,5,6,7,8]");
      }
      String fifo = sqs.getQueueUrl(b -> b.queueName("transitions.fifo")).queueUrl();
      String timers = sqs.getQueueUrl(b -> b.queueName("transitions-timers")).queueUrl();
      assertThat(sqs.getQueueAttributes(b -> b.queueUrl(fifo).attributeNames(QueueAttributeName.FIFO_QUEUE))
          .attributes()).containsEntry(QueueAttributeName.FIFO_QUEUE, "true");
      assertThat(sqs.getQueueAttributes(b -> b.queueUrl(timers).attributeNames(QueueAttributeName.ALL))
          .attributes()).doesNotContainKey(QueueAttributeName.FIFO_QUEUE);
    }
  }

  private static DescribeExecutionResponse awaitEnd(SfnClient sfn, String execution) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (true) {
      DescribeExecutionResponse d = sfn.describeExecution(r -> r.executionArn(execution));
      if (d.status() != ExecutionStatus.RUNNING || Instant.now().isAfter(deadline)) {
        return d;
      }
      Thread.sleep(200);
    }
  }
}
