package dev.nestflow.infrastructure.runtime;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.UUID;

/** Execution names and seeds: random ones, and names derived from a key (same key, same name). */
final class Ids {
  private Ids() {}

  private static final SecureRandom RANDOM = new SecureRandom();

  static String uuid() {
    return UUID.randomUUID().toString();
  }

  static long seed() {
    return RANDOM.nextLong();
  }

  /** A UUID-shaped name derived from {@code key}: a replayed child start gets the same child. */
  static String uuidFrom(String key) {
    return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
  }
}
