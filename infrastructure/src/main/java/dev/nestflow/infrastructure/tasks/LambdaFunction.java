package dev.nestflow.infrastructure.tasks;

import java.time.Duration;
import java.util.Optional;

/**
 * The Lambda Invoke API as the task integrations need it. Adapters: {@link LocalFunctions} (Java
 * handlers in-process) and {@link AwsLambdaFunctions} (the real service).
 *
 * <p>A function that ran and raised an error is a normal {@link LambdaResponse} with {@code
 * functionError} set (as the Invoke API reports it); a call the service refused (no such function,
 * bad request, throttling) is a {@link LambdaServiceException}.
 */
@FunctionalInterface
public interface LambdaFunction {
  LambdaResponse invoke(LambdaInvocation invocation);

  /**
   * The longest an invocation of the function may run (its configured timeout), when known: the
   * runtime runs a task inside a handler call only when it is sure to end there.
   */
  default Optional<Duration> longestRun(String functionName, String qualifier) {
    return Optional.empty();
  }
}
