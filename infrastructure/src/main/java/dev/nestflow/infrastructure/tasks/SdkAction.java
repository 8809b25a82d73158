package dev.nestflow.infrastructure.tasks;

import dev.nestflow.core.interpreter.TaskResource;

/**
 * The service and action of an AWS SDK integration ({@code arn:aws:states:::aws-sdk:<service>:<action>}),
 * read from a parsed resource whether the parser put the service into the resource type ({@code
 * aws-sdk:dynamodb} / {@code putItem}, as the history shows it) or into the name ({@code aws-sdk} /
 * {@code dynamodb:putItem}).
 */
public record SdkAction(String service, String action) {

  /** The SDK service and action, or null when the resource is not a request-response SDK integration. */
  public static SdkAction of(String resource) {
    TaskResource r = TaskResource.parse(resource);
    if (r.kind() != TaskResource.Kind.SERVICE || r.pattern() != TaskResource.Pattern.REQUEST_RESPONSE) {
      return null;
    }
    if (r.resourceType().startsWith("aws-sdk:")) {
      return new SdkAction(r.resourceType().substring("aws-sdk:".length()), r.resourceName());
    }
    if ("aws-sdk".equals(r.resourceType())) {
      int colon = r.resourceName().indexOf(':');
      return colon < 0 ? null : new SdkAction(r.resourceName().substring(0, colon), r.resourceName().substring(colon + 1));
    }
    return null;
  }
}
