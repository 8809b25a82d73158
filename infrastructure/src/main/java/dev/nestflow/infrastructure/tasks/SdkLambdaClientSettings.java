package dev.nestflow.infrastructure.tasks;

import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.LambdaServiceClientConfiguration;

/**
 * The settings of an SDK Lambda client (region, credentials, endpoint override) as a {@link
 * LambdaInvokeClient}. Kept apart so that nothing else in this package refers to the SDK's optional
 * {@code lambda} module, which the Lambda jar does not ship.
 */
final class SdkLambdaClientSettings {
  private SdkLambdaClientSettings() {}

  static LambdaInvokeClient invokeClient(LambdaClient sdkClient) {
    LambdaServiceClientConfiguration config = sdkClient.serviceClientConfiguration();
    return new LambdaInvokeClient(UrlConnectionHttpClient.create(), config.credentialsProvider(), config.region(),
        config.endpointOverride().orElse(null));
  }
}
