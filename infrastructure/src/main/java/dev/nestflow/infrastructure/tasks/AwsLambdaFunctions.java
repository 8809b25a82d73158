package dev.nestflow.infrastructure.tasks;

import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * Lambda functions in AWS, called through Invoke: a {@link LambdaInvokeClient} (SigV4-signed, the
 * url-connection HTTP client), without the generated Lambda SDK client.
 */
public final class AwsLambdaFunctions implements LambdaFunction, AutoCloseable {
  private final LambdaInvokeClient client;
  private final AutoCloseable owned;

  private AwsLambdaFunctions(LambdaInvokeClient client, AutoCloseable owned) {
    this.client = client;
    this.owned = owned;
  }

  /**
   * Functions called through {@code client} (closed with this). A factory rather than a constructor:
   * overloading the SDK-client constructor would make every caller compile against the SDK's
   * {@code lambda} module.
   */
  public static AwsLambdaFunctions over(LambdaInvokeClient client) {
    return new AwsLambdaFunctions(client, client);
  }

  /**
   * Calls Invoke with the region, credentials and endpoint override of an SDK Lambda client (which
   * is closed with this). The SDK's {@code lambda} module is an optional dependency: only callers
   * that have an SDK client use this constructor; the Lambda jar uses the other one.
   */
  public AwsLambdaFunctions(LambdaClient sdkClient) {
    this(SdkLambdaClientSettings.invokeClient(sdkClient), sdkClient);
  }

  /** A client for the default region and credentials chain. */
  public static AwsLambdaFunctions withDefaults() {
    return over(new LambdaInvokeClient(UrlConnectionHttpClient.create(),
        DefaultCredentialsProvider.builder().build(), new DefaultAwsRegionProviderChain().getRegion(), null));
  }

  @Override
  public LambdaResponse invoke(LambdaInvocation call) {
    return client.invoke(call);
  }

  @Override
  public void close() {
    client.close();
    if (owned != client) {
      try {
        owned.close();
      } catch (Exception e) {
        throw new IllegalStateException("closing the Lambda client failed", e);
      }
    }
  }
}
