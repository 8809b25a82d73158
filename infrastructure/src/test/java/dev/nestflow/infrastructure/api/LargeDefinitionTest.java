package dev.nestflow.infrastructure.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nestflow.core.json.Json;
import dev.nestflow.infrastructure.store.DynamoDbExecutionStore;
import dev.nestflow.infrastructure.store.ExecutionStore;
import dev.nestflow.infrastructure.store.InMemoryExecutionStore;
import dev.nestflow.infrastructure.testing.AwsTestClients;
import dev.nestflow.infrastructure.testing.MotoServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.SfnException;

/**
 * AWS's limits, end to end through the SDK client: a definition of 1 MiB (1,048,576 bytes) and an
 * input of 256 KiB (262,144 bytes) are accepted, run and described, on DynamoDB (moto_server) and in
 * memory; one byte more of input is refused as AWS refuses it.
 */
class LargeDefinitionTest {
  private static final int KIB = 1024;

  /** A Pass chain of exactly 1,048,576 UTF-8 bytes whose Comment carries characters of 1 to 4 bytes. */
  private static String oneMebibyteDefinition() {
    String head = "{\"Comment\":\"ü€𝄞";
    String tail = "\",\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"Next\":\"Q\"},"
        + "\"Q\":{\"Type\":\"Pass\",\"End\":true}}}";
    int used = (head + tail).getBytes(StandardCharsets.UTF_8).length;
    String definition = head + "x".repeat(1024 * KIB - used) + tail;
    assertThat(definition.getBytes(StandardCharsets.UTF_8)).hasSize(1024 * KIB);
    return definition;
  }

  private static String input(int bytes) {
    String text = "{\"payload\":\"" + "i".repeat(bytes - 14) + "\"}";
    assertThat(text.getBytes(StandardCharsets.UTF_8)).hasSize(bytes);
    return text;
  }

  @Test
  void aOneMebibyteDefinitionRunsA256KiBInputOnDynamoDb() throws Exception {
    try (MotoServer moto = MotoServer.start(); DynamoDbClient dynamo = AwsTestClients.dynamoDb(moto.endpoint())) {
      DynamoDbExecutionStore.createTable(dynamo, "nestflow");
      runsEndToEnd(new DynamoDbExecutionStore(dynamo, "nestflow"), new DynamoDbApiCatalog(dynamo, "nestflow"));
    }
  }

  @Test
  void aOneMebibyteDefinitionRunsA256KiBInputInMemory() throws Exception {
    runsEndToEnd(new InMemoryExecutionStore(), new InMemoryApiCatalog());
  }

  private void runsEndToEnd(ExecutionStore store, ApiCatalog catalog) throws Exception {
    try (ApiServer service = ApiServer.start(store, catalog);
        SfnClient sfn = SfnClientIntegrationTest.client(URI.create("http://127.0.0.1:" + service.port()))) {
      String definition = oneMebibyteDefinition();
      String input = input(256 * KIB);
      String machine = sfn.createStateMachine(b -> b.name("big").definition(definition).roleArn(SfnClientIntegrationTest.ROLE))
          .stateMachineArn();

      String execution = sfn.startExecution(b -> b.stateMachineArn(machine).name("big-input").input(input)).executionArn();
      DescribeExecutionResponse done = awaitEnd(sfn, execution);

      assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(Json.parse(done.input())).isEqualTo(Json.parse(input));
      assertThat(Json.parse(done.output())).isEqualTo(Json.parse(input));
      assertThat(sfn.describeStateMachineForExecution(b -> b.executionArn(execution)).definition()).isEqualTo(definition);
      assertThat(sfn.describeStateMachine(b -> b.stateMachineArn(machine)).definition()).isEqualTo(definition);
      assertThatThrownBy(() -> sfn.startExecution(b -> b.stateMachineArn(machine).input(input(256 * KIB + 1))))
          .isInstanceOf(SfnException.class)
          .hasMessageContaining("Member must have length less than or equal to 262144");
    }
  }

  private static DescribeExecutionResponse awaitEnd(SfnClient sfn, String execution) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    DescribeExecutionResponse d = sfn.describeExecution(b -> b.executionArn(execution));
    while (d.status() == ExecutionStatus.RUNNING && Instant.now().isBefore(deadline)) {
      Thread.sleep(50);
      d = sfn.describeExecution(b -> b.executionArn(execution));
    }
    return d;
  }
}
