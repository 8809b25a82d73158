package dev.nestflow.infrastructure.keys;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One secret key of the functions (task tokens, transition-message signatures) and its id. The id
 * travels inside every token and signature, so that after a rotation what the previous key made
 * is still recognised and checked with that key.
 */
public final class Key {
  private final String id;
  private final byte[] secret;

  /**
   * @param id the key's id (a Secrets Manager version id, or {@link #derivedId} for a fixed key);
   *     letters, digits and dashes only, as it is written into tokens
   * @param secret at least 16 bytes (128 bits)
   */
  public Key(String id, byte[] secret) {
    if (secret.length < 16) {
      throw new IllegalArgumentException("a key needs at least 128 bits");
    }
    if (id == null || !id.matches("[A-Za-z0-9-]{1,64}")) {
      throw new IllegalArgumentException("a key id is 1 to 64 letters, digits or dashes");
    }
    this.id = id;
    this.secret = secret.clone();
  }

  /** A fixed key (the {@code --token-key} of serve, a test's key) with its {@link #derivedId}. */
  public static Key fixed(byte[] secret) {
    return new Key(derivedId(secret), secret);
  }

  /**
   * {@code k} and 8 hex digits of the key's SHA-256: stable for the key, and telling nothing usable
   * about it (32 bits of a hash of at least 128 secret bits).
   */
  public static String derivedId(byte[] secret) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret);
      return "k" + HexFormat.of().formatHex(digest, 0, 4);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  public String id() {
    return id;
  }

  /** HMAC-SHA256 of {@code text} under this key, base64url without padding (43 characters). */
  public String mac(String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  /** Whether {@code mac} is this key's {@link #mac} of {@code text}, compared in constant time. */
  public boolean verifies(String text, String mac) {
    return mac != null && MessageDigest.isEqual(mac(text).getBytes(StandardCharsets.UTF_8), mac.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "Key[" + id + "]";
  }
}
