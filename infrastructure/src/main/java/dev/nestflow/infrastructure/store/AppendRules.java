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

  static void checkAppend(ExecutionRecord head, SignalEntry entry, ExecutionRecord ended) {
    Objects.requireNonNull(head.executionArn(), "executionArn");
    if (entry.seq() < 1) {
      throw new IllegalArgumentException("signal seq " + entry.seq() + " is not a log position (1, 2, ...)");
    }
    if (ended == null) {
      return;
    }
    if (!head.executionArn().equals(ended.executionArn())) {
      throw new IllegalArgumentException(
          "the ended head belongs to " + ended.executionArn() + ", not " + head.executionArn());
    }
    if (ended.running()) {
      throw new IllegalArgumentException("an ended head cannot be RUNNING");
    }
    if (ended.version() != entry.seq()) {
      throw new IllegalArgumentException(
          "the ended head has version " + ended.version() + " but the signal has seq " + entry.seq());
    }
  }
}
