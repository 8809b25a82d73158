package dev.nestflow.infrastructure.testing;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/** SDK clients for a local AWS emulator: its endpoint, us-east-1 and the dummy credentials test/test. */
public final class AwsTestClients {
  private static final StaticCredentialsProvider DUMMY =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));

  private AwsTestClients() {}

  public static DynamoDbClient dynamoDb(URI endpoint) {
    return DynamoDbClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(DUMMY)
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .build();
  }

  /** Path-style S3 (an emulator on loopback has no bucket subdomains). */
  public static S3Client s3(URI endpoint) {
    return dev.nestflow.infrastructure.objects.S3ObjectStore.local(S3Client.builder(), endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(DUMMY)
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .build();
  }

  public static SqsClient sqs(URI endpoint) {
    return SqsClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(DUMMY)
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .build();
  }
}
