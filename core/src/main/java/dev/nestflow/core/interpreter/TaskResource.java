package dev.nestflow.core.interpreter;

/**
 * What a Task's Resource ARN names: a Lambda function, an activity, or a service integration
 * ({@code arn:aws:states:::service:action[.sync|.sync:2|.waitForTaskToken]}) with its pattern.
 */
public record TaskResource(Kind kind, String resourceType, String resourceName, Pattern pattern, String arn) {

  public enum Kind {
    LAMBDA_FUNCTION,
    ACTIVITY,
    SERVICE
  }

  public enum Pattern {
    REQUEST_RESPONSE,
    SYNC,
    SYNC_2,
    CALLBACK
  }

  public static TaskResource parse(String arn) {
    String[] parts = arn.split(":", 6);
    if (parts.length >= 6 && "lambda".equals(parts[2]) && parts[5].startsWith("function:")) {
      return new TaskResource(Kind.LAMBDA_FUNCTION, "lambda", arn, Pattern.REQUEST_RESPONSE, arn);
    }
    if (parts.length >= 6 && "states".equals(parts[2]) && parts[5].startsWith("activity:")) {
      return new TaskResource(Kind.ACTIVITY, "activity", arn, Pattern.REQUEST_RESPONSE, arn);
    }
    // arn:aws:states:::service:action.pattern -> parts: arn, aws, states, "", "", "service:action..."
    String rest = parts.length >= 6 ? parts[5] : arn;
    if (rest.startsWith("aws-sdk:")) {
      // arn:aws:states:::aws-sdk:<service>:<action>: the resource type names the service
      int last = rest.lastIndexOf(':');
      String action = rest.substring(last + 1);
      Pattern sdkPattern = action.endsWith(".waitForTaskToken") ? Pattern.CALLBACK : Pattern.REQUEST_RESPONSE;
      return new TaskResource(Kind.SERVICE, rest.substring(0, last), action, sdkPattern, arn);
    }
    int colon = rest.indexOf(':');
    String service = colon < 0 ? rest : rest.substring(0, colon);
    String action = colon < 0 ? "" : rest.substring(colon + 1);
    Pattern pattern = Pattern.REQUEST_RESPONSE;
    if (action.endsWith(".waitForTaskToken")) {
      pattern = Pattern.CALLBACK;
    } else if (action.endsWith(".sync:2")) {
      pattern = Pattern.SYNC_2;
    } else if (action.endsWith(".sync")) {
      pattern = Pattern.SYNC;
    }
    return new TaskResource(Kind.SERVICE, service, action, pattern, arn);
  }

  /** The region a service call goes to: the state machine's own. */
  String region(String stateMachineArn) {
    String[] parts = stateMachineArn.split(":");
    return parts.length > 3 ? parts[3] : "us-east-1";
  }
}
