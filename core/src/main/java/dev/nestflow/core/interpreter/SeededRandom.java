package dev.nestflow.core.interpreter;

import java.util.Random;

/**
 * {@link Random}'s generator (the same 48-bit linear congruential sequence, so every number drawn is
 * the one {@code new Random(seed)} draws) with a state that can be read and set: an execution
 * restored from a {@link ExecutionSnapshot} must draw the numbers the original would have drawn next
 * (UUIDs, retry jitter, MathRandom), and {@link Random} keeps its state private.
 *
 * <p>Not for {@link #nextGaussian}, whose second value {@link Random} caches out of reach.
 */
public final class SeededRandom extends Random {
  private static final long MULTIPLIER = 0x5DEECE66DL;
  private static final long ADDEND = 0xBL;
  private static final long MASK = (1L << 48) - 1;

  private long state;

  /** The generator {@code new Random(seed)} is. */
  public SeededRandom(long seed) {
    super(0);
    this.state = (seed ^ MULTIPLIER) & MASK;
  }

  /** The generator in state {@code state} (a value of {@link #state()}). */
  public static SeededRandom atState(long state) {
    SeededRandom r = new SeededRandom(0);
    r.state = state & MASK;
    return r;
  }

  /** The generator's whole state: {@link #atState} of it continues the sequence exactly. */
  public long state() {
    return state;
  }

  /** Puts the generator in state {@code state} (a value of {@link #state()}). */
  void restoreState(long state) {
    this.state = state & MASK;
  }

  @Override
  public synchronized void setSeed(long seed) {
    state = (seed ^ MULTIPLIER) & MASK;
  }

  @Override
  protected int next(int bits) {
    state = (state * MULTIPLIER + ADDEND) & MASK;
    return (int) (state >>> (48 - bits));
  }
}
