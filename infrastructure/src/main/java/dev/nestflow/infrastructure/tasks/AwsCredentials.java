package dev.nestflow.infrastructure.tasks;

import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The one home of how nestflow finds credentials, in every mode.
 *
 * <ul>
 *   <li>Keys in the environment ({@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY}, {@code
 *       AWS_SESSION_TOKEN}; in Lambda the function role's, fixed for the container's life) are taken
 *       directly, without the default chain (which builds its profile-file, container and
 *       instance-metadata providers first: cold start).
 *   <li>Otherwise, against an emulator (an endpoint is configured): the default chain when it has
 *       credentials, dummy ones otherwise (emulators accept any).
 *   <li>Otherwise the default chain.
 * </ul>
 */
public final class AwsCredentials {
  private AwsCredentials() {}

  public static AwsCredentialsProvider of(Map<String, String> env, boolean emulator) {
    String key = env.get("AWS_ACCESS_KEY_ID");
    String secret = env.get("AWS_SECRET_ACCESS_KEY");
    if (key != null && !key.isEmpty() && secret != null && !secret.isEmpty()) {
      String session = env.get("AWS_SESSION_TOKEN");
      return StaticCredentialsProvider.create(session != null && !session.isEmpty()
          ? AwsSessionCredentials.create(key, secret, session)
          : AwsBasicCredentials.create(key, secret));
    }
    return emulator ? emulatorCredentials() : DefaultCredentialsProvider.create();
  }

  /** Against an emulator: the usual chain when it has credentials, dummy ones otherwise. */
  public static AwsCredentialsProvider emulatorCredentials() {
    try {
      DefaultCredentialsProvider chain = DefaultCredentialsProvider.builder().build();
      chain.resolveCredentials();
      return chain;
    } catch (RuntimeException none) {
      return StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
    }
  }
}
