package dev.nestflow.core.interpreter;

import java.util.random.RandomGenerator;

/**
 * What the pure interpreter needs from the world besides signals and the current time: a source of
 * randomness (UUIDs, MathRandom, retry jitter). Inject a seeded generator for deterministic runs.
 */
public interface Environment {
  RandomGenerator random();

  /**
   * The task token for a callback task attempt ({@code taskKey} is unique within the execution).
   * The default draws it from {@link #random()}; the runtime mints unguessable HMAC tokens instead.
   */
  default String taskToken(String taskKey) {
    return Uuids.random(random());
  }

  static Environment of(RandomGenerator random) {
    return () -> random;
  }
}
