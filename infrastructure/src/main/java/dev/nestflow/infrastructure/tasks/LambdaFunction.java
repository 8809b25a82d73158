package dev.nestflow.infrastructure.tasks;

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
}
