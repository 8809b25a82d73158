package dev.nestflow.infrastructure.store;

import java.time.Duration;

/**
 * How long the items of an execution stay readable: {@code afterClose} after the execution ends
 * (90 days by default, as AWS keeps closed Standard executions), and, while it runs, until the
 * latest moment it could end plus {@code afterClose}.
 *
 * <p>Every item of an execution is written once with an expiry it never outlives its execution
 * by more than {@code afterClose}: an item written while the execution runs gets {@link
 * #whileRunning} (start + the longest an execution of its type may run + {@code afterClose}), and
 * only the head, rewritten when the execution ends, gets the shorter {@link #afterClose(long)}.
 * So closing an execution rewrites one item whatever its log length, and no item outlives the
 * execution's maximum lifetime plus the retention. Items past their expiry are treated as absent by
 * every read (DynamoDB's TTL deletes them some time later, not at once).
 */
public record Retention(Duration afterClose) {
  /** AWS keeps a closed Standard execution's history for 90 days. */
  public static final Retention DEFAULT = new Retention(Duration.ofDays(90));

  /** The longest a Standard execution may run (AWS: one year). */
  public static final Duration STANDARD_LIFETIME = Duration.ofDays(365);

  /** The longest an Express execution may run (AWS: five minutes). */
  public static final Duration EXPRESS_LIFETIME = Duration.ofMinutes(5);

  public Retention {
    if (afterClose.isNegative()) {
      throw new IllegalArgumentException("a retention cannot be negative: " + afterClose);
    }
  }

  /** A retention of {@code days} days (the template's and serve's setting). */
  public static Retention days(long days) {
    return new Retention(Duration.ofDays(days));
  }

  /** The expiry (epoch millis) of an item of a running execution of {@code type} started at {@code startMillis}. */
  public long whileRunning(String type, long startMillis) {
    Duration lifetime = "EXPRESS".equals(type) ? EXPRESS_LIFETIME : STANDARD_LIFETIME;
    return startMillis + lifetime.toMillis() + afterClose.toMillis();
  }

  /** The expiry (epoch millis) of the head of an execution that ended at {@code stopMillis}. */
  public long afterClose(long stopMillis) {
    return stopMillis + afterClose.toMillis();
  }

  /** The expiry of {@code head}: {@link #afterClose(long)} once it has ended, {@link #whileRunning} before. */
  public long of(ExecutionRecord head) {
    return head.running() || head.stopMillis() == null
        ? whileRunning(head.type(), head.startMillis())
        : afterClose(head.stopMillis());
  }
}
