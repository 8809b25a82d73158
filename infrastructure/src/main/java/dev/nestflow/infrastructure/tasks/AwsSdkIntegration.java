package dev.nestflow.infrastructure.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nestflow.core.json.Json;
import java.util.function.Supplier;

/**
 * The AWS SDK integrations {@code arn:aws:states:::aws-sdk:<service>:<action>} for the services in
 * {@link ServiceModel} (S3, SQS, SNS, EventBridge, Secrets Manager, SSM, ...): the Parameters are
 * the API request, the result is the API response, as the AWS SDK for Java v2 gives them; a refused
 * call fails with {@code <Service>.<Exception>} ({@code S3.NoSuchKeyException}, or the service's
 * generic {@code S3.S3Exception}) and the v2 message. Step Functions' own API ({@code aws-sdk:sfn})
 * is not among them: it is nestflow itself, an earlier entry of the registry.
 */
public final class AwsSdkIntegration implements TaskIntegration {
  private final AwsServices services;
  private final Supplier<String> ids;

  public AwsSdkIntegration(AwsServices services, Supplier<String> ids) {
    this.services = services;
    this.ids = ids;
  }

  private static ServiceModel model(String resource) {
    SdkAction sdk = SdkAction.of(resource);
    if (sdk == null || "sfn".equals(sdk.service())) {
      return null;
    }
    return ServiceModel.of(sdk.service());
  }

  @Override
  public boolean handles(String resource) {
    return model(resource) != null;
  }

  @Override
  public TaskOutcome invoke(TaskRequest request) {
    ServiceModel model = model(request.resource());
    String action = SdkAction.of(request.resource()).action();
    JsonNode p = request.input() == null ? Json.object() : request.input();
    try {
      return new TaskOutcome.Succeeded(services.call(model.endpointPrefix(),
          Character.toUpperCase(action.charAt(0)) + action.substring(1), p));
    } catch (ServiceException e) {
      return e.asV2(model.errorPrefix(), model.genericName(), ids.get(), false);
    }
  }
}
