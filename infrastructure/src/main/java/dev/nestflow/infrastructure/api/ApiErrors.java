package dev.nestflow.infrastructure.api;

import dev.nestflow.infrastructure.runtime.ApiException;

/** The API's error types with AWS's wording, and the {@code __type} each is sent with. */
public final class ApiErrors {
  private ApiErrors() {}

  public static final String VALIDATION = "ValidationException";
  public static final String SERIALIZATION = "SerializationException";
  public static final String UNKNOWN_OPERATION = "UnknownOperationException";
  public static final String INTERNAL = "InternalFailure";

  /** The wire {@code __type}: the SDKs keep what follows {@code #}. */
  public static String wireType(String code) {
    return switch (code) {
      case VALIDATION -> "com.amazon.coral.validate#ValidationException";
      case SERIALIZATION, UNKNOWN_OPERATION, INTERNAL -> "com.amazon.coral.service#" + code;
      default -> "com.amazonaws.swf.service.v2.model#" + code;
    };
  }

  /** HTTP status of an error: 500 for our own failures, 400 for everything the caller did. */
  public static int status(String code) {
    return INTERNAL.equals(code) ? 500 : 400;
  }

  static ApiException validation(String value, String field, String constraint) {
    return new ApiException(VALIDATION, "1 validation error detected: Value '" + value + "' at '" + field
        + "' failed to satisfy constraint: " + constraint);
  }

  static ApiException validationNull(String field) {
    return new ApiException(VALIDATION, "1 validation error detected: Value null at '" + field
        + "' failed to satisfy constraint: Member must not be null");
  }

  static ApiException serialization(String message) {
    return new ApiException(SERIALIZATION, message);
  }

  static ApiException invalidArn(String detail) {
    return new ApiException("InvalidArn", "Invalid Arn: '" + detail + "'");
  }

  static ApiException stateMachineDoesNotExist(String arn) {
    return new ApiException("StateMachineDoesNotExist", "State Machine Does Not Exist: '" + arn + "'");
  }

  static ApiException executionDoesNotExist(String arn) {
    return new ApiException("ExecutionDoesNotExist", "Execution Does Not Exist: '" + arn + "'");
  }

  static ApiException activityDoesNotExist(String arn) {
    return new ApiException("ActivityDoesNotExist", "Activity Does Not Exist: '" + arn + "'");
  }

  static ApiException typeNotSupported() {
    return new ApiException("StateMachineTypeNotSupported", "This operation is not supported by this type of state machine");
  }

  static ApiException invalidName(String name) {
    return new ApiException("InvalidName", "Invalid Name: '" + name + "'");
  }
}
