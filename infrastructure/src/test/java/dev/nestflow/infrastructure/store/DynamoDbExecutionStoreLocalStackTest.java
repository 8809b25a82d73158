package dev.nestflow.infrastructure.store;

import dev.nestflow.infrastructure.testing.AwsTestClients;
import dev.nestflow.infrastructure.testing.LocalStackImage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The store contract against DynamoDB as LocalStack emulates it; skipped without a Docker engine. */
@Testcontainers(disabledWithoutDocker = true)
class DynamoDbExecutionStoreLocalStackTest extends ExecutionStoreContract {
  private static final String TABLE = "nestflow-executions";

  @Container
  static final LocalStackContainer LOCALSTACK =
      new LocalStackContainer(LocalStackImage.NAME).withServices(LocalStackContainer.Service.DYNAMODB);

  private static DynamoDbClient client;

  @BeforeAll
  static void createTable() {
    client = AwsTestClients.dynamoDb(LOCALSTACK.getEndpoint());
    DynamoDbExecutionStore.createTable(client, TABLE);
  }

  @AfterAll
  static void disconnect() {
    if (client != null) {
      client.close();
    }
  }

  @Override
  protected ExecutionStore newStore(java.time.Clock clock, Retention retention) {
    return new DynamoDbExecutionStore(client, TABLE, retention, clock);
  }
}
