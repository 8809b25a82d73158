package dev.nestflow.infrastructure.telemetry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.infrastructure.store.ExecutionRecord;
import java.util.List;

/**
 * What the state-advance step tells whoever watches it (the Lambda's structured log and metrics,
 * serve's console lines). Called on the step's thread after the fact; a listener must be quick
 * and must not throw (what it throws is dropped, never fails the step).
 */
public interface StepListener {
  /**
   * One signal appended to an execution's log and its effects performed.
   *
   * @param after the execution's head after the step (ended when the step ended it)
   * @param events the history events this step added, oldest first
   * @param nanos how long the step took, from taking the signal to performing its effects
   */
  default void stepped(ExecutionRecord after, String signalId, List<ObjectNode> events, long nanos) {}

  /** Another step took the log position first: the append was refused and the message is retried. */
  default void appendRefused(String executionArn, String signalId) {}

  /** The execution was rebuilt by replaying its whole log of {@code entries} signals (no warm copy). */
  default void replayed(String executionArn, int entries) {}

  /**
   * A cached execution was brought up to the end of its log by reading the {@code entries} entries
   * another writer appended since (a catch-up read, instead of a whole-log replay).
   */
  default void caughtUp(String executionArn, int entries) {}

  StepListener NONE = new StepListener() {};
}
