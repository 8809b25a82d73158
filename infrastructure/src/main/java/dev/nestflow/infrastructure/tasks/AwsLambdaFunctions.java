package dev.nestflow.infrastructure.tasks;

import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/**
 * Lambda functions in AWS, called through Invoke: a {@link LambdaInvokeClient} (SigV4-signed, the
 * url-connection HTTP client), without the generated Lambda SDK client. One call per task attempt,
 * waiting as long as the function runs (up to Lambda's 15 minutes).
 */
public final class AwsLambdaFunctions implements LambdaFunction, AutoCloseable {
  private final LambdaInvokeClient client;

  private AwsLambdaFunctions(LambdaInvokeClient client) {
    this.client = client;
  }

  /** Functions called through {@code client} (closed with this). */
  public static AwsLambdaFunctions over(LambdaInvokeClient client) {
    return new AwsLambdaFunctions(client);
  }

  /** A client for the default region and credentials chain. */
  public static AwsLambdaFunctions withDefaults() {
    return over(new LambdaInvokeClient(DefaultCredentialsProvider.builder().build(),
        new DefaultAwsRegionProviderChain().getRegion(), null));
  }

  @Override
  public LambdaResponse invoke(LambdaInvocation call) {
    return client.invoke(call);
  }

  @Override
  public void close() {
    client.close();
  }
}
