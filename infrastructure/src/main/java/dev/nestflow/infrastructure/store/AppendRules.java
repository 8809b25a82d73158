package dev.nestflow.infrastructure.store;

import java.util.Objects;

/** The argument checks every {@link ExecutionStore} adapter applies before writing. */
final class AppendRules {
  private AppendRules() {}

  static void checkCreate(ExecutionRecord record) {
    Objects.requireNonNull(record.executionArn(), "executionArn");
    Objects.requireNonNull(record.stateMachineArn(), "stateMachineArn");
    if (record.version() != 0) {
      throw new IllegalArgumentException("a new execution starts at version 0, not " + record.version());
    }
  }

  static void checkAppend(String executionArn, SignalEntry entry) {
    Objects.requireNonNull(executionArn, "executionArn");
    if (entry.seq() < 1) {
      throw new IllegalArgumentException("signal seq " + entry.seq() + " is not a log position (1, 2, ...)");
    }
  }

  static void checkEnd(ExecutionRecord ended) {
    Objects.requireNonNull(ended.executionArn(), "executionArn");
    if (ended.running()) {
      throw new IllegalArgumentException("an ended head cannot be RUNNING");
    }
    if (ended.version() < 1) {
      throw new IllegalArgumentException("an ended head has the seq of the entry that ended it, not " + ended.version());
    }
  }

  static void checkReopen(ExecutionRecord closed, ExecutionRecord reopened) {
    Objects.requireNonNull(closed.executionArn(), "executionArn");
    if (closed.running() || !reopened.running() || !closed.executionArn().equals(reopened.executionArn())) {
      throw new IllegalArgumentException("a redrive reopens a closed head of the same execution as RUNNING");
    }
    if (reopened.version() <= closed.version()) {
      throw new IllegalArgumentException("a reopened head has the seq of its redrive entry, after " + closed.version());
    }
  }
}
