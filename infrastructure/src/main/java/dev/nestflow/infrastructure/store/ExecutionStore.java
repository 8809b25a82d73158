package dev.nestflow.infrastructure.store;

import java.util.List;
import java.util.Optional;

/**
 * Where executions live: state machines, execution heads, their signal logs and task tokens.
 * Every write that can race is conditional, so a message applied twice changes nothing the second
 * time. Adapters: in-memory (embedded) and DynamoDB (one table); one contract test suite covers both.
 *
 * <p>Executions expire by the store's {@link Retention}: every item of an execution gets its expiry
 * when it is written, and once its head has expired an execution reads as absent (head, log, tokens,
 * activity tasks) and its ARN can be created again, with an empty log that shows nothing of the
 * earlier execution.
 */
public interface ExecutionStore {

  void putStateMachine(StateMachineRecord machine);

  Optional<StateMachineRecord> stateMachine(String stateMachineArn);

  /** Removes the state machine (new starts, nested ones included, find nothing); idempotent. */
  void deleteStateMachine(String stateMachineArn);

  /**
   * Creates the execution unless one with the same ARN exists and has not expired (false if it did):
   * its head (version 0) and its log, whose entry 1 is {@link SignalEntry#start} (with the
   * definition, input and key id). The same record again (same start and seed: a retry of this
   * create, whose first answer may have been lost) gets true and changes nothing.
   */
  boolean create(ExecutionRecord record);

  Optional<ExecutionRecord> execution(String executionArn);

  /**
   * An execution's head and, when its log holds at most {@code maxEntries} entries, the whole log
   * (entry 1, the start, included): what a step that holds nothing of the execution needs, in one
   * read where the store can (a short log is read with the head; a longer one is left to {@link
   * #latestSnapshot} and {@link #signalsAfter}).
   */
  default Optional<Opened> open(String executionArn, int maxEntries) {
    return execution(executionArn).map(rec -> {
      List<SignalEntry> log = signals(executionArn);
      return new Opened(rec, log.size() <= maxEntries ? log : null);
    });
  }

  /**
   * What {@link #open} read.
   *
   * @param log the whole log in order, or null when it is longer than was asked for
   */
  record Opened(ExecutionRecord record, List<SignalEntry> log) {}

  /**
   * The creator of this execution vouches for its record: it created it with {@link #create} and
   * handed the record on (in the execution's start message), so the store may write and read the
   * execution's items from now on without reading its head first. Nothing is written.
   */
  default void adopt(ExecutionRecord record) {}

  /** The signal log in order (seq 1, 2, ...). */
  List<SignalEntry> signals(String executionArn);

  /**
   * The entries of the log after position {@code afterSeq}, in order: what a runtime that has applied
   * entries 1..afterSeq lacks (a catch-up read costs the new entries, not the whole log).
   */
  default List<SignalEntry> signalsAfter(String executionArn, long afterSeq) {
    return signals(executionArn).stream().filter(e -> e.seq() > afterSeq).toList();
  }

  /**
   * Appends {@code entry} to the execution's log unless the log already holds an entry at
   * {@code entry.seq()} (seqs are dense: the caller has seen entries 1..seq-1). Returns false, and
   * writes nothing, when another step got that position first. This one conditional write is the
   * whole durable cost of a step that does not end the execution: the head is not rewritten.
   */
  boolean append(String executionArn, SignalEntry entry);

  /**
   * Stores a snapshot of the execution's state (see {@link SnapshotRecord}); idempotent, keyed by its
   * seq. A reader never sees part of one: a snapshot too large for one item is written in parts
   * before the item that names them.
   */
  void putSnapshot(String executionArn, SnapshotRecord snapshot);

  /** The snapshot with the highest seq not above {@code atMostSeq}, if any. */
  Optional<SnapshotRecord> latestSnapshot(String executionArn, long atMostSeq);

  /**
   * Writes the final head of an execution whose log has ended it (status no longer RUNNING,
   * {@code version} = the seq of the ending entry), only while the stored head is still RUNNING;
   * false otherwise. Not atomic with the {@link #append} before it: a crash in between leaves the
   * head RUNNING, and the runtime writes it when it next reads the execution.
   */
  boolean end(ExecutionRecord ended);

  /**
   * RedriveExecution: writes {@code reopened} (RUNNING again, see {@link ExecutionRecord#redriven})
   * only while the stored head is still {@code closed} (same status and version); false otherwise,
   * so of two concurrent redrives of one execution exactly one reopens it.
   */
  boolean reopen(ExecutionRecord closed, ExecutionRecord reopened);

  /**
   * Records that a transition message of the execution was moved to the dead-letter queue (its
   * signal id, the reason its last attempt failed); the same signal id again replaces the note.
   */
  void noteDeadLetter(String executionArn, DeadLetterNote note);

  /** The dead-letter notes of the execution, oldest first (none for most executions). */
  List<DeadLetterNote> deadLetters(String executionArn);

  /**
   * Stores the token of a task attempt that starts waiting, forgetting any answer recorded for an
   * earlier attempt with the same token (a Map or Parallel retried as a whole); true if it was new.
   */
  boolean putToken(TokenRecord token);

  /**
   * Records {@code answer} (a digest of SendTaskSuccess/SendTaskFailure's request) as the token's
   * one answer: true when no answer was recorded yet or the same one was (a client's retry); false
   * when a different answer came first, or the token is unknown. Exactly one of any number of
   * concurrent different answers gets true.
   */
  boolean answerToken(String token, String answer);

  Optional<TokenRecord> token(String token);

  /** Executions of a state machine, newest first (for ListExecutions and tests). */
  List<ExecutionRecord> executions(String stateMachineArn);

  // ---- activities

  /** Creates the activity unless one with that ARN exists; false if it did. */
  boolean putActivity(ActivityRecord activity);

  Optional<ActivityRecord> activity(String activityArn);

  /** Deletes the activity (nothing happens when it does not exist); its queued tasks stay readable. */
  void deleteActivity(String activityArn);

  /** Queues a task for the activity's workers unless a task with the same token is queued; false if it was. */
  boolean putActivityTask(ActivityTaskRecord task);

  /** The activity's queued (not yet claimed) tasks, oldest first. */
  List<ActivityTaskRecord> activityTasks(String activityArn);

  /** Takes a queued task off the queue: true for exactly one of any number of concurrent callers. */
  boolean claimActivityTask(ActivityTaskRecord task);

  // ---- map runs

  /** The map runs of distributed Maps, kept beside the executions (the same table in DynamoDB). */
  MapRunStore mapRuns();
}
