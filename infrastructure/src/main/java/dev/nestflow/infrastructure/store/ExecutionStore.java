package dev.nestflow.infrastructure.store;

import java.util.List;
import java.util.Optional;

/**
 * Where executions live: state machines, execution heads, their signal logs and task tokens.
 * Every write that can race is conditional, so a message applied twice changes nothing the second
 * time. Adapters: in-memory (embedded) and DynamoDB (one table); one contract test suite covers both.
 */
public interface ExecutionStore {

  void putStateMachine(StateMachineRecord machine);

  Optional<StateMachineRecord> stateMachine(String stateMachineArn);

  /** Removes the state machine (new starts, nested ones included, find nothing); idempotent. */
  void deleteStateMachine(String stateMachineArn);

  /** Creates the execution head (version 0) unless one with the same ARN exists; false if it did. */
  boolean create(ExecutionRecord record);

  Optional<ExecutionRecord> execution(String executionArn);

  /** The signal log in order (seq 1, 2, ...). */
  List<SignalEntry> signals(String executionArn);

  /**
   * Appends {@code entry} (whose seq must be {@code expected.version() + 1}) and replaces the head
   * with {@code updated}, atomically and only if the stored head still has {@code expected.version()}.
   * Returns false (and changes nothing) when another step got there first.
   */
  boolean append(ExecutionRecord expected, SignalEntry entry, ExecutionRecord updated);

  /** Stores a token unless it exists; false if it did. */
  boolean putToken(TokenRecord token);

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
}
