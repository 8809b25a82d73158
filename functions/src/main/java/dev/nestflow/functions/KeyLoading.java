package dev.nestflow.functions;

import dev.nestflow.infrastructure.keys.Key;
import dev.nestflow.infrastructure.keys.Keyring;
import dev.nestflow.infrastructure.keys.SecretsManagerKeys;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * Where a function's key comes from: the Secrets Manager secret named by {@value #SECRET} (its ARN
 * or name; what template.yaml sets), read with GetSecretValue on first use, so the key is in no
 * function's configuration and in no SnapStart snapshot; or, for local runs and tests only, the
 * key itself in {@value AwsWiring#TOKEN_KEY}.
 *
 * <p>One keyring per source and container: the wiring signs and mints with it, the state-advance
 * handler checks messages with it. {@link #forgetAll()} drops the fetched keys before a snapshot;
 * {@link #prefetchAll()} fetches them again, off the request path, after a restore or at start.
 */
final class KeyLoading {
  static final String SECRET = "NESTFLOW_TOKEN_SECRET";

  private static final Map<String, Keyring> LOADED = new ConcurrentHashMap<>();

  private KeyLoading() {}

  /** The keyring of this environment's key source, fetching through {@code http} with {@code credentials}. */
  static Keyring keyring(Map<String, String> env, SdkHttpClient http, AwsCredentialsProvider credentials) {
    return LOADED.computeIfAbsent(source(env), s -> build(env, http, credentials));
  }

  /** The same, with a client of its own when this source has no keyring yet. */
  static Keyring keyring(Map<String, String> env) {
    Keyring known = LOADED.get(source(env));
    if (known != null) {
      return known;
    }
    URI endpoint = AwsWiring.endpoint(env);
    return keyring(env, UrlConnectionHttpClient.create(), AwsWiring.credentials(env, endpoint));
  }

  private static String source(Map<String, String> env) {
    String secret = env.get(SECRET);
    if (secret != null && !secret.isEmpty()) {
      return "secret " + secret + " at " + env.getOrDefault(AwsWiring.ENDPOINT, "");
    }
    String key = env.get(AwsWiring.TOKEN_KEY);
    if (key != null && !key.isEmpty()) {
      return "key " + Key.derivedId(key.getBytes(StandardCharsets.UTF_8));
    }
    throw new IllegalStateException("environment variable " + SECRET + " is not set");
  }

  private static Keyring build(Map<String, String> env, SdkHttpClient http, AwsCredentialsProvider credentials) {
    String secret = env.get(SECRET);
    if (secret == null || secret.isEmpty()) {
      return Keyring.of(Key.fixed(env.get(AwsWiring.TOKEN_KEY).getBytes(StandardCharsets.UTF_8)));
    }
    URI endpoint = AwsWiring.endpoint(env);
    Region region = Region.of(env.getOrDefault("AWS_REGION", "us-east-1"));
    return new Keyring(new SecretsManagerKeys(http, credentials, region, endpoint, secret));
  }

  /** Drops every fetched key (SnapStart: before the snapshot). */
  static void forgetAll() {
    LOADED.values().forEach(Keyring::forget);
  }

  /** Set once a SnapStart snapshot has been restored: from then on the key may be held. */
  private static volatile boolean restored;

  /**
   * Fetches every keyring's current key now (at start, after a restore), so no request waits for it.
   * Not while a SnapStart function initialises ({@code AWS_LAMBDA_INITIALIZATION_TYPE=snap-start}):
   * a key fetched then could end up in the snapshot; {@link #afterRestore()} fetches it instead.
   */
  static void prefetchAll() {
    if ("snap-start".equals(System.getenv("AWS_LAMBDA_INITIALIZATION_TYPE")) && !restored) {
      return;
    }
    for (Keyring k : LOADED.values()) {
      try {
        k.current();
      } catch (RuntimeException e) {
        // reported by the first use, which fetches again
      }
    }
  }

  /** After a SnapStart restore: the key may be held again, and is fetched now. */
  static void afterRestore() {
    restored = true;
    prefetchAll();
  }
}
