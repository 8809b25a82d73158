package dev.nestflow.infrastructure.store;

import dev.nestflow.infrastructure.testing.AwsTestClients;
import dev.nestflow.infrastructure.testing.MotoServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The map run store contract against DynamoDB as moto_server emulates it (the execution table). */
class DynamoDbMapRunStoreMotoTest extends MapRunStoreContract {
  private static final String TABLE = "nestflow-map-runs";
  private static MotoServer moto;
  private static DynamoDbClient client;

  @BeforeAll
  static void startMoto() throws Exception {
    moto = MotoServer.start();
    client = AwsTestClients.dynamoDb(moto.endpoint());
    DynamoDbExecutionStore.createTable(client, TABLE);
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
  protected MapRunStore newStore() {
    return new DynamoDbExecutionStore(client, TABLE).mapRuns();
  }
}
