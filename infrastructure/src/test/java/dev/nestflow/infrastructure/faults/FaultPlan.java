package dev.nestflow.infrastructure.faults;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Decides, call by call and from one seed, which fault to inject: the same seed and the same
 * sequence of calls give the same faults. Faults are injected only while the plan is
 * {@linkplain #arm() armed} (inside a handler or a client call the harness can retry); a plan with
 * rate 0 injects nothing. Counts every injected fault by kind.
 *
 * <p>It also knows which handler call (delivery) runs: faults that only a state-advance call can
 * suffer (a step slower than the visibility timeout, a Lambda timeout) are injected only inside
 * one, and after a Lambda timeout every further call of that delivery fails without effect.
 */
public final class FaultPlan {
  /** How far a container's clock may be off, either way. */
  public static final Duration MAX_SKEW = Duration.ofSeconds(2);

  private final Random random;
  private final double rate;
  private final Set<FaultKind> kinds;
  private final Map<FaultKind, Integer> injected = new EnumMap<>(FaultKind.class);
  /** One entry per running delivery (they nest when another handler steps in): whether it timed out. */
  private final Deque<boolean[]> deliveries = new ArrayDeque<>();
  private int armed;

  /** @param rate the probability that a given call gets a fault (0 = none) */
  public FaultPlan(long seed, double rate) {
    this(seed, rate, EnumSet.allOf(FaultKind.class));
  }

  /** A plan that injects only {@code kinds}. */
  public FaultPlan(long seed, double rate, Set<FaultKind> kinds) {
    if (rate < 0 || rate > 1) {
      throw new IllegalArgumentException("rate must be between 0 and 1, not " + rate);
    }
    this.random = new Random(seed);
    this.rate = rate;
    this.kinds = kinds.isEmpty() ? EnumSet.noneOf(FaultKind.class) : EnumSet.copyOf(kinds);
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

  /** Whether this plan injects faults of {@code kind}. */
  public boolean injects(FaultKind kind) {
    return active() && kinds.contains(kind);
  }

  public boolean armed() {
    return armed > 0 && rate > 0;
  }

  /** A handler call (delivery of one message) starts; they nest. */
  public void enterDelivery() {
    deliveries.push(new boolean[1]);
  }

  public void exitDelivery() {
    deliveries.pop();
  }

  public boolean inDelivery() {
    return !deliveries.isEmpty();
  }

  /** Whether the running delivery timed out: nothing it calls any more takes effect. */
  public boolean timedOut() {
    return !deliveries.isEmpty() && deliveries.peek()[0];
  }

  private InjectedCrash timeOut(String operation) {
    deliveries.peek()[0] = true;
    record(FaultKind.LAMBDA_TIMEOUT);
    return new InjectedCrash(FaultKind.LAMBDA_TIMEOUT, operation);
  }

  /** Fails a call of a delivery that timed out (the function is gone: the call never happens). */
  public void checkAlive(String operation) {
    if (timedOut()) {
      throw new InjectedCrash(FaultKind.LAMBDA_TIMEOUT, "(dead) " + operation);
    }
  }

  /**
   * The fault (if any) for a store ({@code store}) or queue call: null, CRASH_BEFORE, CRASH_AFTER,
   * THROTTLE (store calls only), SLOW_STEP (inside a delivery; the caller handles the message again
   * first). A LAMBDA_TIMEOUT is thrown here (inside a delivery) as an {@link InjectedCrash}.
   */
  public FaultKind callFault(boolean store, String operation) {
    checkAlive(operation);
    if (!armed() || random.nextDouble() >= rate) {
      return null;
    }
    FaultKind[] weighted = {FaultKind.CRASH_BEFORE, FaultKind.CRASH_BEFORE, FaultKind.CRASH_BEFORE,
        FaultKind.CRASH_AFTER, FaultKind.CRASH_AFTER, FaultKind.CRASH_AFTER, FaultKind.THROTTLE, FaultKind.THROTTLE,
        FaultKind.LAMBDA_TIMEOUT, FaultKind.SLOW_STEP};
    FaultKind kind = weighted[random.nextInt(weighted.length)];
    if (!kinds.contains(kind) || kind == FaultKind.THROTTLE && !store
        || (kind == FaultKind.LAMBDA_TIMEOUT || kind == FaultKind.SLOW_STEP) && !inDelivery()) {
      return null;
    }
    if (kind == FaultKind.LAMBDA_TIMEOUT) {
      throw timeOut(operation);
    }
    return record(kind);
  }

  /** The crash (if any) for a store or queue call: null, CRASH_BEFORE or CRASH_AFTER. */
  public FaultKind crash() {
    FaultKind kind = callFault(false, "call");
    return kind == FaultKind.CRASH_BEFORE || kind == FaultKind.CRASH_AFTER ? kind : null;
  }

  /** Right after a task invoked by a delivery returned: whether the Lambda times out now (its answer is lost). */
  public void afterTask(String task) {
    checkAlive("after " + task);
    if (armed() && inDelivery() && kinds.contains(FaultKind.LAMBDA_TIMEOUT) && random.nextDouble() < rate / 4) {
      throw timeOut("after task " + task);
    }
  }

  /** Whether a sent message is delivered twice. */
  public boolean duplicate() {
    return armed() && kinds.contains(FaultKind.DUPLICATE) && random.nextDouble() < rate && record(FaultKind.DUPLICATE) != null;
  }

  /** Extra delay for a sent message (zero for most). */
  public Duration delay() {
    if (!armed() || !kinds.contains(FaultKind.DELAY) || random.nextDouble() >= rate) {
      return Duration.ZERO;
    }
    record(FaultKind.DELAY);
    return Duration.ofMillis(1 + random.nextInt(90_000));
  }

  /** Whether another handler runs just before a conditional write. */
  public boolean concurrentStep() {
    return armed() && kinds.contains(FaultKind.CONCURRENT_STEP) && random.nextDouble() < rate
        && record(FaultKind.CONCURRENT_STEP) != null;
  }

  /** Whether a forged message is put on the queue next to a sent one. */
  public boolean forge() {
    return armed() && kinds.contains(FaultKind.FORGED) && random.nextDouble() < rate && record(FaultKind.FORGED) != null;
  }

  /** How far off the clock of a new container is (zero unless the plan skews clocks). */
  public Duration skew() {
    if (!injects(FaultKind.CLOCK_SKEW)) {
      return Duration.ZERO;
    }
    record(FaultKind.CLOCK_SKEW);
    long max = MAX_SKEW.toMillis();
    return Duration.ofMillis(random.nextLong(-max, max + 1));
  }

  /** Shuffles a received batch (in place) now and then; true when it did. */
  public <T> boolean reorder(List<T> batch) {
    if (rate == 0 || !kinds.contains(FaultKind.REORDER) || batch.size() < 2 || random.nextDouble() >= rate * 4) {
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
