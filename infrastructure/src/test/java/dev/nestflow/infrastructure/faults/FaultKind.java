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
  CONCURRENT_STEP
}
