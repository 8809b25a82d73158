package dev.nestflow.infrastructure.runtime;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Mints task tokens: an HMAC-SHA256 of (execution ARN, task key) under a secret key. Tokens are
 * unguessable without the key (256 bits), the same on every replay of the execution (so a step
 * re-run after a crash registers the same token), and short (43 characters).
 */
public final class TaskTokens {
  private final byte[] key;

  public TaskTokens(byte[] key) {
    if (key.length < 16) {
      throw new IllegalArgumentException("a task-token key needs at least 128 bits");
    }
    this.key = key.clone();
  }

  /** A key for one process (embedded mode): tokens die with it, as the in-memory store does. */
  public static TaskTokens randomKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return new TaskTokens(key);
  }

  public String mint(String executionArn, String taskKey) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      byte[] digest = mac.doFinal((executionArn + "\n" + taskKey).getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }
}
