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

  static void checkAppend(ExecutionRecord expected, SignalEntry entry, ExecutionRecord updated) {
    Objects.requireNonNull(expected.executionArn(), "executionArn");
    if (!expected.executionArn().equals(updated.executionArn())) {
      throw new IllegalArgumentException(
          "the updated head belongs to " + updated.executionArn() + ", not " + expected.executionArn());
    }
    if (entry.seq() != expected.version() + 1) {
      throw new IllegalArgumentException(
          "signal seq " + entry.seq() + " does not follow version " + expected.version());
    }
    if (updated.version() != entry.seq()) {
      throw new IllegalArgumentException(
          "the updated head has version " + updated.version() + " but the signal has seq " + entry.seq());
    }
  }
}
