package dev.nestflow.infrastructure.runtime;

import dev.nestflow.infrastructure.tasks.InvocationPool;
import dev.nestflow.infrastructure.tasks.LambdaInvokeClient;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What one handler call has in hand: the answers and due timers to apply next ({@code inline}), the
 * task invocations running on its behalf, and until when it may still start work. A task is run in
 * the call only when it ends within the call's time for certain; the others go to the queue as
 * {@link InvokeMessage}s, for a consumer whose call is long enough.
 */
final class StepCall {
  /** Time kept back at the end of a call for applying the last answers and writing them. */
  static final Duration MARGIN = Duration.ofSeconds(5);

  /** The answer a running invocation will give: for this execution, under this signal id, to this task. */
  record Answering(String executionArn, SignalId signalId, String taskKey) {}

  final Deque<TransitionMessage> inline = new ArrayDeque<>();
  final InvocationPool.Batch<Answering> running;
  private final long deadlineNanos;
  private final boolean limited;

  /** @param budget how long the call may run, or null when nothing limits it (embedded, serve, tests) */
  StepCall(InvocationPool.Batch<Answering> running, Duration budget) {
    this.running = running;
    this.limited = budget != null;
    this.deadlineNanos = limited ? System.nanoTime() + budget.toNanos() : 0;
  }

  /**
   * Whether a task that may run for {@code longest} (null: as long as Lambda allows) ends within the
   * call, its answer applied and written. Measured on the machine's clock, not the runtime's: the
   * call's deadline is real time even when executions run on a virtual clock.
   */
  boolean fits(Duration longest) {
    return !limited || fitsLimited(longest);
  }

  /** Whether the call's time is limited (then {@link #fits} measures). */
  boolean limited() {
    return limited;
  }

  private boolean fitsLimited(Duration longest) {
    Duration bound = longest == null || longest.compareTo(LambdaInvokeClient.LONGEST_RUN) > 0
        ? LambdaInvokeClient.LONGEST_RUN : longest;
    return System.nanoTime() + bound.plus(MARGIN).toNanos() <= deadlineNanos;
  }

  /** Whether the call's time is up for new steps (what is left goes to the queue). */
  boolean overdue() {
    return limited && System.nanoTime() + MARGIN.toNanos() > deadlineNanos;
  }
}
