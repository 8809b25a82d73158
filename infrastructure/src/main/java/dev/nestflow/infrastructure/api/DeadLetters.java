package dev.nestflow.infrastructure.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.errors.ErrorNames;
import dev.nestflow.infrastructure.store.DeadLetterNote;
import dev.nestflow.infrastructure.store.SignalEntry;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * How DescribeExecution shows that a RUNNING execution is stuck because one of its transition
 * messages went to the dead-letter queue: the one place that decides it.
 *
 * <p>It uses the response's own {@code error} and {@code cause} (error {@code States.Runtime}, the
 * cause naming the signal, the receive count and the reason), with the status left RUNNING: the
 * execution has not failed, and replaying the message lets it go on. These two fields are what
 * every SDK already parses and every console and script already shows, where a history event of a
 * type AWS does not have would need a log entry (history is replayed from the log) and would stay in
 * the history after the replay. A note stops showing once its signal is in the log (the replayed
 * message was applied) or the execution ends; the note of a message whose signal was already in the
 * log when it failed (a step's effects kept failing) shows until something is logged after it.
 */
final class DeadLetters {
  private DeadLetters() {}

  /** Adds {@code error}/{@code cause} for the latest note whose signal is still not applied, if any. */
  static void describe(ObjectNode out, List<DeadLetterNote> notes, Supplier<List<SignalEntry>> log) {
    if (notes.isEmpty()) {
      return;
    }
    List<SignalEntry> entries = log.get();
    Set<String> applied = entries.stream().map(SignalEntry::signalId).collect(Collectors.toSet());
    long lastWrite = entries.stream().mapToLong(SignalEntry::atMillis).max().orElse(Long.MIN_VALUE);
    // a message whose signal was logged before it failed (performing its step's effects failed) is
    // still stuck while nothing was logged since (an entry as old as the note may be its own replay)
    List<DeadLetterNote> pending = notes.stream()
        .filter(n -> !applied.contains(n.signalId()) || lastWrite < n.atMillis())
        .toList();
    if (pending.isEmpty()) {
      return;
    }
    DeadLetterNote latest = pending.get(pending.size() - 1);
    out.put("error", ErrorNames.RUNTIME);
    out.put("cause", cause(latest, pending.size()));
  }

  static String cause(DeadLetterNote note, int count) {
    String others = count > 1 ? " (and " + (count - 1) + " more)" : "";
    return "A transition message of this execution (signal '" + note.signalId() + "')" + others
        + " was moved to the dead-letter queue after " + note.receiveCount() + " failed receives: " + note.reason()
        + ". The execution stays RUNNING and goes on when the message is redriven from the dead-letter queue.";
  }
}
