package dev.nestflow.infrastructure.tasks;

import java.net.URI;
import java.util.Map;

/**
 * Where calls to each AWS service go, by the SDK's standard endpoint settings: an explicit endpoint
 * (the {@code --endpoint-url} flag) first, then {@code AWS_ENDPOINT_URL_<SERVICE>} (for example
 * {@code AWS_ENDPOINT_URL_DYNAMODB}), then {@code AWS_ENDPOINT_URL}, then the service's public
 * endpoint in the region. An override points every service at one emulator (moto_server,
 * LocalStack); S3 is then addressed path-style.
 */
public record ServiceEndpoints(String region, URI override, Map<String, String> env) {

  public ServiceEndpoints {
    env = Map.copyOf(env);
  }

  /** From the process environment, with an optional explicit override (null: none). */
  public static ServiceEndpoints fromEnvironment(String region, URI override) {
    return new ServiceEndpoints(region, override, System.getenv());
  }

  /** The endpoint for {@code service}. */
  URI endpoint(ServiceModel service) {
    URI configured = configured(service);
    return configured != null ? configured : URI.create("https://" + service.endpointPrefix() + "." + region + ".amazonaws.com");
  }

  /** The endpoint given by flag or environment, or null when the public endpoint is used. */
  URI configured(ServiceModel service) {
    if (override != null) {
      return override;
    }
    String specific = env.get("AWS_ENDPOINT_URL_" + service.envId());
    if (specific != null && !specific.isBlank()) {
      return URI.create(specific.trim());
    }
    String global = env.get("AWS_ENDPOINT_URL");
    return global != null && !global.isBlank() ? URI.create(global.trim()) : null;
  }

  /** Whether any endpoint is configured (then credentials may be an emulator's dummy ones). */
  public boolean anyConfigured() {
    return override != null || env.keySet().stream().anyMatch(k -> k.startsWith("AWS_ENDPOINT_URL"));
  }
}
