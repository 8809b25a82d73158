package dev.nestflow.infrastructure.queue;

import java.time.Duration;

/** Waiting for a real service: a little longer than asked, since SQS counts in whole seconds. */
final class RealTime {
  private static final Duration SLACK = Duration.ofMillis(300);

  private RealTime() {}

  static void elapse(Duration d) {
    try {
      Thread.sleep(d.plus(SLACK).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
