package dev.nestflow.infrastructure.tasks;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/**
 * Lambda functions in AWS, called through Invoke: a {@link LambdaInvokeClient} (SigV4-signed, the
 * url-connection HTTP client), without the generated Lambda SDK client. One call per task attempt,
 * waiting as long as the function runs (up to Lambda's 15 minutes).
 */
public final class AwsLambdaFunctions implements LambdaFunction, AutoCloseable {
  /**
   * How long a function's configured timeout is trusted: a user may raise it meanwhile, and an
   * invocation that then outlasts its handler call would be made again.
   */
  static final Duration TIMEOUT_TTL = Duration.ofMinutes(1);

  private record Known(Optional<Duration> timeout, long untilNanos) {}

  private final LambdaInvokeClient client;
  private final Map<String, Known> timeouts = new ConcurrentHashMap<>();

  private AwsLambdaFunctions(LambdaInvokeClient client) {
    this.client = client;
  }

  /** Functions called through {@code client} (closed with this). */
  public static AwsLambdaFunctions over(LambdaInvokeClient client) {
    return new AwsLambdaFunctions(client);
  }

  /** A client for the default region and credentials chain. */
  public static AwsLambdaFunctions withDefaults() {
    return over(new LambdaInvokeClient(DefaultCredentialsProvider.builder().build(),
        new DefaultAwsRegionProviderChain().getRegion(), null));
  }

  @Override
  public LambdaResponse invoke(LambdaInvocation call) {
    return client.invoke(call);
  }

  /**
   * GetFunctionConfiguration's Timeout, kept for {@link #TIMEOUT_TTL}; empty when the call is
   * refused (no permission, no such function: the task then counts as one that may run 15 minutes).
   */
  @Override
  public Optional<Duration> longestRun(String functionName, String qualifier) {
    String key = functionName + (qualifier == null ? "" : ":" + qualifier);
    long now = System.nanoTime();
    Known known = timeouts.get(key);
    if (known != null && now - known.untilNanos() < 0) {
      return known.timeout();
    }
    Optional<Duration> timeout;
    try {
      timeout = client.configuredTimeout(functionName, qualifier);
    } catch (LambdaServiceException unknown) {
      timeout = Optional.empty();
    }
    timeouts.put(key, new Known(timeout, now + TIMEOUT_TTL.toNanos()));
    return timeout;
  }

  @Override
  public void close() {
    client.close();
  }
}
