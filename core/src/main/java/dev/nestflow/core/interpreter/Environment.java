package dev.nestflow.core.interpreter;

import java.util.random.RandomGenerator;

/**
 * What the pure interpreter needs from the world besides signals and the current time: a source of
 * randomness (UUIDs, MathRandom, retry jitter). Inject a seeded generator for deterministic runs.
 */
public interface Environment {
  RandomGenerator random();

  static Environment of(RandomGenerator random) {
    return () -> random;
  }
}
