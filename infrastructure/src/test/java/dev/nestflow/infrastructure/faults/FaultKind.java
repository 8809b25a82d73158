package dev.nestflow.infrastructure.faults;

/** The faults a {@link FaultPlan} injects. */
public enum FaultKind {
  /** The handler dies just before a store or queue call: the call never happens. */
  CRASH_BEFORE,
  /** The call takes effect, then the handler dies before it sees the answer. */
  CRASH_AFTER,
  /** A sent message is delivered twice (SQS at-least-once). */
  DUPLICATE,
  /** A sent message is delivered later than asked. */
  DELAY,
  /** A received batch is handled in another order. */
  REORDER,
  /** Another handler runs (on another container) just before a conditional write: the write races. */
  CONCURRENT_STEP,
  /**
   * The handler is slower than the visibility timeout: just before one of its calls, its message is
   * delivered again and handled to the end (on another container, or on the same one, sharing its
   * cache), and then the first handling goes on.
   */
  SLOW_STEP,
  /**
   * The Lambda times out in the middle of a step (before a store or queue call, or right after a
   * task it invoked returned): nothing after that point runs, no cleanup either, and the rest of the
   * batch is not handled; the messages come back after the visibility timeout.
   */
  LAMBDA_TIMEOUT,
  /** A store call is refused with DynamoDB's ProvisionedThroughputExceededException (nothing written). */
  THROTTLE,
  /** A container's clock is off (by up to {@link FaultPlan#MAX_SKEW} either way). */
  CLOCK_SKEW,
  /** A message nobody signed as it is (unsigned, altered, wrong key, moved to another execution) is put on the queue. */
  FORGED
}
