package dev.nestflow.infrastructure.objects;

import dev.nestflow.infrastructure.testing.AwsTestClients;
import dev.nestflow.infrastructure.testing.MotoServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.services.s3.S3Client;

/** The object store contract against S3 as moto_server emulates it, through the SDK adapter. */
class S3ObjectStoreMotoTest extends ObjectStoreContract {
  private static MotoServer moto;
  private static S3Client client;

  @BeforeAll
  static void startMoto() throws Exception {
    moto = MotoServer.start();
    client = AwsTestClients.s3(moto.endpoint());
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
  protected ObjectStore store() {
    return new S3ObjectStore(client);
  }

  @Override
  protected void createBucket(String name) {
    client.createBucket(r -> r.bucket(name));
  }
}
