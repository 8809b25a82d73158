package dev.nestflow.infrastructure.tasks;

/**
 * The Lambda service refused an Invoke call (no such function, invalid request, throttled...).
 * {@code errorCode} is the service's error code ({@code ResourceNotFoundException}); Step Functions
 * reports it as error {@code Lambda.<errorCode>}.
 */
public final class LambdaServiceException extends RuntimeException {
  private final String errorCode;
  private final int statusCode;
  private final String requestId;

  public LambdaServiceException(String errorCode, int statusCode, String message, String requestId) {
    super(message, null, false, false);
    this.errorCode = errorCode;
    this.statusCode = statusCode;
    this.requestId = requestId;
  }

  public String errorCode() {
    return errorCode;
  }

  public int statusCode() {
    return statusCode;
  }

  public String requestId() {
    return requestId;
  }

  /** The cause text Step Functions shows: the service message plus the SDK's request summary. */
  public String stepFunctionsCause() {
    return getMessage() + " (Service: AWSLambda; Status Code: " + statusCode + "; Error Code: " + errorCode
        + "; Request ID: " + requestId + "; Proxy: null)";
  }
}
