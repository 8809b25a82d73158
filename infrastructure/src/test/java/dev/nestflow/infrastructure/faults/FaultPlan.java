package dev.nestflow.infrastructure.faults;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Decides, call by call and from one seed, which fault to inject: the same seed and the same
 * sequence of calls give the same faults. Faults are injected only while the plan is
 * {@linkplain #arm() armed} (inside a handler or a client call the harness can retry); a plan with
 * rate 0 injects nothing. Counts every injected fault by kind.
 */
public final class FaultPlan {
  private final Random random;
  private final double rate;
  private final Map<FaultKind, Integer> injected = new EnumMap<>(FaultKind.class);
  private int armed;

  /** @param rate the probability that a given call gets a fault (0 = none) */
  public FaultPlan(long seed, double rate) {
    if (rate < 0 || rate > 1) {
      throw new IllegalArgumentException("rate must be between 0 and 1, not " + rate);
    }
    this.random = new Random(seed);
    this.rate = rate;
  }

  public static FaultPlan none() {
    return new FaultPlan(0, 0);
  }

  public void arm() {
    armed++;
  }

  public void disarm() {
    armed--;
  }

  /** Whether this plan injects anything at all (a rate above 0). */
  public boolean active() {
    return rate > 0;
  }

  public boolean armed() {
    return armed > 0 && rate > 0;
  }

  /** The crash (if any) for a store or queue call: null, CRASH_BEFORE or CRASH_AFTER. */
  public FaultKind crash() {
    if (!armed() || random.nextDouble() >= rate) {
      return null;
    }
    return record(random.nextBoolean() ? FaultKind.CRASH_BEFORE : FaultKind.CRASH_AFTER);
  }

  /** Whether a sent message is delivered twice. */
  public boolean duplicate() {
    return armed() && random.nextDouble() < rate && record(FaultKind.DUPLICATE) != null;
  }

  /** Extra delay for a sent message (zero for most). */
  public Duration delay() {
    if (!armed() || random.nextDouble() >= rate) {
      return Duration.ZERO;
    }
    record(FaultKind.DELAY);
    return Duration.ofMillis(1 + random.nextInt(90_000));
  }

  /** Whether another handler runs just before a conditional write. */
  public boolean concurrentStep() {
    return armed() && random.nextDouble() < rate && record(FaultKind.CONCURRENT_STEP) != null;
  }

  /** Shuffles a received batch (in place) now and then; true when it did. */
  public <T> boolean reorder(List<T> batch) {
    if (rate == 0 || batch.size() < 2 || random.nextDouble() >= rate * 4) {
      return false;
    }
    Collections.shuffle(batch, random);
    record(FaultKind.REORDER);
    return true;
  }

  /** A draw from the plan's random source (for harness choices that must follow the seed). */
  public int nextInt(int bound) {
    return random.nextInt(bound);
  }

  public double nextDouble() {
    return random.nextDouble();
  }

  private FaultKind record(FaultKind kind) {
    injected.merge(kind, 1, Integer::sum);
    return kind;
  }

  /** Faults injected so far, by kind. */
  public Map<FaultKind, Integer> injected() {
    return Map.copyOf(injected);
  }

  public int total() {
    return injected.values().stream().mapToInt(Integer::intValue).sum();
  }
}
