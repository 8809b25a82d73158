package dev.nestflow.infrastructure.keys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nestflow.infrastructure.testing.MotoServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * The key-source contract against Secrets Manager as moto_server emulates it; the test makes and
 * rotates the secret with plain calls (PutSecretValue moves AWSCURRENT to the new version and
 * AWSPREVIOUS to the old one, as the rotation in README does).
 */
class SecretsManagerKeysMotoTest extends KeySourceContract {
  private static MotoServer moto;
  private static SdkHttpClient http;
  private String secret;

  @BeforeAll
  static void startMoto() throws Exception {
    moto = MotoServer.start();
    http = UrlConnectionHttpClient.create();
  }

  @AfterAll
  static void stopMoto() {
    if (http != null) {
      http.close();
    }
    if (moto != null) {
      moto.close();
    }
  }

  @Override
  protected KeySource newSource(String first) {
    secret = "nestflow-key-" + UUID.randomUUID();
    call("CreateSecret", "{\"Name\":\"" + secret + "\",\"SecretString\":\"" + first + "\"}");
    return new SecretsManagerKeys(http, StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")),
        Region.US_EAST_1, moto.endpoint(), secret);
  }

  @Override
  protected void rotate(String next) {
    call("PutSecretValue", "{\"SecretId\":\"" + secret + "\",\"SecretString\":\"" + next + "\"}");
  }

  private static void call(String operation, String body) {
    try {
      HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(moto.endpoint())
          .header("X-Amz-Target", "secretsmanager." + operation)
          .header("Content-Type", "application/x-amz-json-1.1")
          .header("Authorization", "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/secretsmanager/aws4_request, "
              + "SignedHeaders=host, Signature=0")
          .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
