package dev.nestflow.infrastructure.tasks;

/**
 * A call to an emulated AWS service that failed: either the service answered with an error
 * ({@code errorCode}, HTTP status, and {@code modeledName} when the SDK has an exception class for
 * that code) or the request never reached it ({@link #clientSide}, e.g. an unknown host).
 */
public final class ServiceException extends RuntimeException {
  private final String errorCode;
  private final String modeledName;
  private final int statusCode;
  private final boolean clientSide;

  private ServiceException(String message, String errorCode, String modeledName, int statusCode, boolean clientSide) {
    super(message, null, false, false);
    this.errorCode = errorCode;
    this.modeledName = modeledName;
    this.statusCode = statusCode;
    this.clientSide = clientSide;
  }

  /** The service refused the request; {@code modeledName} null means the SDK's generic exception. */
  public static ServiceException service(String errorCode, String modeledName, int statusCode, String message) {
    return new ServiceException(message, errorCode, modeledName, statusCode, false);
  }

  /** The request did not reach the service (the SDK's SdkClientException). */
  public static ServiceException clientSide(String message) {
    return new ServiceException(message, null, null, 0, true);
  }

  public String errorCode() {
    return errorCode;
  }

  public String modeledName() {
    return modeledName;
  }

  public int statusCode() {
    return statusCode;
  }

  public boolean isClientSide() {
    return clientSide;
  }

  /**
   * As an optimized integration (AWS SDK for Java v1) reports it: {@code <prefix>.<Exception>} and
   * the v1 message with service, status, error code and request id.
   */
  public TaskOutcome.Failed asV1(String prefix, String serviceName, String genericName, String requestId) {
    if (clientSide) {
      return new TaskOutcome.Failed(prefix + ".SdkClientException", getMessage());
    }
    return new TaskOutcome.Failed(prefix + "." + (modeledName == null ? genericName : modeledName),
        getMessage() + " (Service: " + serviceName + "; Status Code: " + statusCode + "; Error Code: " + errorCode
            + "; Request ID: " + requestId + "; Proxy: null)");
  }

  /**
   * As an AWS SDK integration ({@code aws-sdk:*}, AWS SDK for Java v2) reports it: {@code
   * <Service>.<Exception>} and the v2 message; {@code attemptCount} adds the SDK's attempt count.
   */
  public TaskOutcome.Failed asV2(String prefix, String genericName, String requestId, boolean attemptCount) {
    if (clientSide) {
      return new TaskOutcome.Failed(prefix + ".SdkClientException", getMessage());
    }
    return new TaskOutcome.Failed(prefix + "." + (modeledName == null ? genericName : modeledName),
        getMessage() + " (Service: " + prefix + ", Status Code: " + statusCode + ", Request ID: " + requestId + ")"
            + (attemptCount ? " (SDK Attempt Count: 1)" : ""));
  }
}
