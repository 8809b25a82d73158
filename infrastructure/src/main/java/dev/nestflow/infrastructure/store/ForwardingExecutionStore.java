package dev.nestflow.infrastructure.store;

import java.util.List;
import java.util.Optional;

/**
 * An {@link ExecutionStore} that passes every call to another one: the base of decorators (fault
 * injection, measurement) that change a few calls and forward the rest.
 */
public abstract class ForwardingExecutionStore implements ExecutionStore {
  protected final ExecutionStore delegate;

  protected ForwardingExecutionStore(ExecutionStore delegate) {
    this.delegate = delegate;
  }

  @Override
  public void putStateMachine(StateMachineRecord machine) {
    delegate.putStateMachine(machine);
  }

  @Override
  public Optional<StateMachineRecord> stateMachine(String stateMachineArn) {
    return delegate.stateMachine(stateMachineArn);
  }

  @Override
  public void deleteStateMachine(String stateMachineArn) {
    delegate.deleteStateMachine(stateMachineArn);
  }

  @Override
  public boolean create(ExecutionRecord record) {
    return delegate.create(record);
  }

  @Override
  public Optional<ExecutionRecord> execution(String executionArn) {
    return delegate.execution(executionArn);
  }

  @Override
  public Optional<Opened> open(String executionArn, int maxEntries) {
    return delegate.open(executionArn, maxEntries);
  }

  @Override
  public void adopt(ExecutionRecord record) {
    delegate.adopt(record);
  }

  @Override
  public List<SignalEntry> signals(String executionArn) {
    return delegate.signals(executionArn);
  }

  @Override
  public List<SignalEntry> signalsAfter(String executionArn, long afterSeq) {
    return delegate.signalsAfter(executionArn, afterSeq);
  }

  @Override
  public boolean append(String executionArn, SignalEntry entry) {
    return delegate.append(executionArn, entry);
  }

  @Override
  public boolean end(ExecutionRecord ended) {
    return delegate.end(ended);
  }

  @Override
  public boolean reopen(ExecutionRecord closed, ExecutionRecord reopened) {
    return delegate.reopen(closed, reopened);
  }

  @Override
  public void noteDeadLetter(String executionArn, DeadLetterNote note) {
    delegate.noteDeadLetter(executionArn, note);
  }

  @Override
  public List<DeadLetterNote> deadLetters(String executionArn) {
    return delegate.deadLetters(executionArn);
  }

  @Override
  public boolean putToken(TokenRecord token) {
    return delegate.putToken(token);
  }

  @Override
  public boolean answerToken(String token, String answer) {
    return delegate.answerToken(token, answer);
  }

  @Override
  public Optional<TokenRecord> token(String token) {
    return delegate.token(token);
  }

  @Override
  public List<ExecutionRecord> executions(String stateMachineArn) {
    return delegate.executions(stateMachineArn);
  }

  @Override
  public boolean putActivity(ActivityRecord activity) {
    return delegate.putActivity(activity);
  }

  @Override
  public Optional<ActivityRecord> activity(String activityArn) {
    return delegate.activity(activityArn);
  }

  @Override
  public void deleteActivity(String activityArn) {
    delegate.deleteActivity(activityArn);
  }

  @Override
  public boolean putActivityTask(ActivityTaskRecord task) {
    return delegate.putActivityTask(task);
  }

  @Override
  public List<ActivityTaskRecord> activityTasks(String activityArn) {
    return delegate.activityTasks(activityArn);
  }

  @Override
  public boolean claimActivityTask(ActivityTaskRecord task) {
    return delegate.claimActivityTask(task);
  }

  @Override
  public void putSnapshot(String executionArn, SnapshotRecord snapshot) {
    delegate.putSnapshot(executionArn, snapshot);
  }

  @Override
  public Optional<SnapshotRecord> latestSnapshot(String executionArn, long atMostSeq) {
    return delegate.latestSnapshot(executionArn, atMostSeq);
  }

  @Override
  public MapRunStore mapRuns() {
    return delegate.mapRuns();
  }
}
