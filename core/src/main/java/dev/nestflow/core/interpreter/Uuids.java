package dev.nestflow.core.interpreter;

import java.util.UUID;
import java.util.random.RandomGenerator;

/** Version-4 UUIDs from an injected random source (so seeded runs repeat exactly). */
public final class Uuids {
  private Uuids() {}

  public static String random(RandomGenerator random) {
    long msb = (random.nextLong() & ~0xF000L) | 0x4000L;
    long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(msb, lsb).toString();
  }
}
