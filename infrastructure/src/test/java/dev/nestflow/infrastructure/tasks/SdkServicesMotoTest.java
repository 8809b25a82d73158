package dev.nestflow.infrastructure.tasks;

import dev.nestflow.infrastructure.testing.MotoServer;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/** The services port's contract against the SDK adapter calling moto_server (SQS, SNS, DynamoDB, EventBridge, S3). */
class SdkServicesMotoTest extends AwsServicesContract {
  private static MotoServer moto;
  private static SdkServices services;

  @BeforeAll
  static void startMoto() throws Exception {
    moto = MotoServer.start();
    services = new SdkServices(UrlConnectionHttpClient.create(),
        StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")),
        new ServiceEndpoints(REGION, moto.endpoint(), Map.of()));
  }

  @AfterAll
  static void stopMoto() {
    if (moto != null) {
      moto.close();
    }
  }

  @Override
  protected AwsServices services() {
    return services;
  }
}
