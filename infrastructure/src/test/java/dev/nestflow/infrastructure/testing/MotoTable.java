package dev.nestflow.infrastructure.testing;

import dev.nestflow.infrastructure.store.DynamoDbExecutionStore;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A test class's moto_server with the executions table made on it: started before the class's
 * tests and stopped after them. Register it as {@code @RegisterExtension static final MotoTable
 * table = new MotoTable("name");} and use {@link #client()} and {@link #name()}.
 */
public final class MotoTable implements BeforeAllCallback, AfterAllCallback {
  private final String name;
  private MotoServer moto;
  private DynamoDbClient client;

  public MotoTable(String name) {
    this.name = name;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    moto = MotoServer.start();
    client = AwsTestClients.dynamoDb(moto.endpoint());
    DynamoDbExecutionStore.createTable(client, name);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (client != null) {
      client.close();
    }
    if (moto != null) {
      moto.close();
    }
  }

  /** The running moto_server's endpoint, for a client of the test's own (one that counts requests). */
  public java.net.URI endpoint() {
    return moto.endpoint();
  }

  public String name() {
    return name;
  }

  /** The DynamoDB client on the running moto_server (only between beforeAll and afterAll). */
  public DynamoDbClient client() {
    return client;
  }
}
