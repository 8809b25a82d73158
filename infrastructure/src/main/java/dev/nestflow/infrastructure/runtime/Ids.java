package dev.nestflow.infrastructure.runtime;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.UUID;

/** Execution names and seeds: random ones, and names derived from a key (same key, same name); digests. */
final class Ids {
  private Ids() {}

  private static final SecureRandom RANDOM = new SecureRandom();

  static String uuid() {
    return UUID.randomUUID().toString();
  }

  static long seed() {
    return RANDOM.nextLong();
  }

  /** The SHA-256 of {@code text} in hex: equal texts, equal digests (answers are compared by it). */
  static String digest(String text) {
    try {
      return java.util.HexFormat.of().formatHex(
          java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** A UUID-shaped name derived from {@code key}: a replayed child start gets the same child. */
  static String uuidFrom(String key) {
    return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
  }
}
