package dev.nestflow.infrastructure.tasks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeRequest;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/** Lambda functions in AWS, called through the SDK's Invoke (url-connection HTTP client). */
public final class AwsLambdaFunctions implements LambdaFunction, AutoCloseable {
  private final LambdaClient client;

  public AwsLambdaFunctions(LambdaClient client) {
    this.client = client;
  }

  /** A client for the default region and credentials chain. */
  public static AwsLambdaFunctions withDefaults() {
    return new AwsLambdaFunctions(LambdaClient.builder().httpClient(UrlConnectionHttpClient.create()).build());
  }

  @Override
  public LambdaResponse invoke(LambdaInvocation call) {
    InvokeRequest.Builder request = InvokeRequest.builder()
        .functionName(call.functionName())
        .invocationType(call.invocationType())
        .payload(SdkBytes.fromByteArray(call.payload()));
    if (call.qualifier() != null) {
      request.qualifier(call.qualifier());
    }
    if (call.clientContext() != null) {
      request.clientContext(call.clientContext());
    }
    if (call.logType() != null) {
      request.logType(call.logType());
    }
    InvokeResponse response;
    try {
      response = client.invoke(request.build());
    } catch (AwsServiceException e) {
      String code = e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null
          ? "AWSLambdaException"
          : e.awsErrorDetails().errorCode();
      String message = e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
      throw new LambdaServiceException(code, e.statusCode(), message, e.requestId());
    } catch (SdkClientException e) {
      throw new LambdaServiceException("SdkClientException", 0, e.getMessage(), null);
    }
    Map<String, List<String>> headers = new LinkedHashMap<>(response.sdkHttpResponse().headers());
    return new LambdaResponse(
        response.statusCode() == null ? 200 : response.statusCode(),
        response.executedVersion(),
        response.functionError(),
        response.payload() == null ? new byte[0] : response.payload().asByteArray(),
        response.logResult(),
        response.responseMetadata().requestId(),
        headers);
  }

  @Override
  public void close() {
    client.close();
  }
}
