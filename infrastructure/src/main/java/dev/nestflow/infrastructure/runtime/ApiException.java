package dev.nestflow.infrastructure.runtime;

/**
 * A request the Step Functions API rejects: {@code code} is the AWS error name
 * ({@code ExecutionAlreadyExists}, {@code StateMachineDoesNotExist}, {@code InvalidToken}, ...) and
 * the message is AWS's text.
 */
public final class ApiException extends RuntimeException {
  private final String code;

  public ApiException(String code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  public String code() {
    return code;
  }
}
