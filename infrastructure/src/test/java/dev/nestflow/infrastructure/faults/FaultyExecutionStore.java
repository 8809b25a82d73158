package dev.nestflow.infrastructure.faults;

import dev.nestflow.infrastructure.store.ActivityRecord;
import dev.nestflow.infrastructure.store.ActivityTaskRecord;
import dev.nestflow.infrastructure.store.ExecutionRecord;
import dev.nestflow.infrastructure.store.ExecutionStore;
import dev.nestflow.infrastructure.store.SignalEntry;
import dev.nestflow.infrastructure.store.StateMachineRecord;
import dev.nestflow.infrastructure.store.TokenRecord;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * An {@link ExecutionStore} that crashes where its {@link FaultPlan} says: before a call (the call
 * never happens) or after it (the call took effect, the caller never learns it). Before each
 * conditional write it may run {@code concurrentStep}, another handler that gets there first.
 */
public final class FaultyExecutionStore implements ExecutionStore {
  private final ExecutionStore delegate;
  private final FaultPlan plan;
  private final Runnable concurrentStep;

  public FaultyExecutionStore(ExecutionStore delegate, FaultPlan plan, Runnable concurrentStep) {
    this.delegate = delegate;
    this.plan = plan;
    this.concurrentStep = concurrentStep;
  }

  private <T> T call(String operation, Supplier<T> call) {
    FaultKind crash = plan.crash();
    if (crash == FaultKind.CRASH_BEFORE) {
      throw new InjectedCrash(crash, operation);
    }
    T result = call.get();
    if (crash == FaultKind.CRASH_AFTER) {
      throw new InjectedCrash(crash, operation);
    }
    return result;
  }

  private void race() {
    if (plan.concurrentStep()) {
      concurrentStep.run();
    }
  }

  @Override
  public void putStateMachine(StateMachineRecord machine) {
    delegate.putStateMachine(machine);
  }

  @Override
  public Optional<StateMachineRecord> stateMachine(String stateMachineArn) {
    return call("stateMachine", () -> delegate.stateMachine(stateMachineArn));
  }

  @Override
  public void deleteStateMachine(String stateMachineArn) {
    delegate.deleteStateMachine(stateMachineArn);
  }

  @Override
  public boolean create(ExecutionRecord record) {
    return call("create", () -> delegate.create(record));
  }

  @Override
  public Optional<ExecutionRecord> execution(String executionArn) {
    return call("execution", () -> delegate.execution(executionArn));
  }

  @Override
  public List<SignalEntry> signals(String executionArn) {
    return call("signals", () -> delegate.signals(executionArn));
  }

  @Override
  public boolean append(String executionArn, SignalEntry entry) {
    race();
    return call("append", () -> delegate.append(executionArn, entry));
  }

  @Override
  public boolean reopen(ExecutionRecord closed, ExecutionRecord reopened) {
    return call("reopen", () -> delegate.reopen(closed, reopened));
  }

  @Override
  public void noteDeadLetter(String executionArn, dev.nestflow.infrastructure.store.DeadLetterNote note) {
    call("noteDeadLetter", () -> {
      delegate.noteDeadLetter(executionArn, note);
      return null;
    });
  }

  @Override
  public List<dev.nestflow.infrastructure.store.DeadLetterNote> deadLetters(String executionArn) {
    return call("deadLetters", () -> delegate.deadLetters(executionArn));
  }

  @Override
  public boolean end(ExecutionRecord ended) {
    return call("end", () -> delegate.end(ended));
  }

  @Override
  public boolean putToken(TokenRecord token) {
    return call("putToken", () -> delegate.putToken(token));
  }

  @Override
  public boolean answerToken(String token, String answer) {
    return call("answerToken", () -> delegate.answerToken(token, answer));
  }

  @Override
  public Optional<TokenRecord> token(String token) {
    return call("token", () -> delegate.token(token));
  }

  @Override
  public List<ExecutionRecord> executions(String stateMachineArn) {
    return call("executions", () -> delegate.executions(stateMachineArn));
  }

  @Override
  public boolean putActivity(ActivityRecord activity) {
    return call("putActivity", () -> delegate.putActivity(activity));
  }

  @Override
  public Optional<ActivityRecord> activity(String activityArn) {
    return call("activity", () -> delegate.activity(activityArn));
  }

  @Override
  public void deleteActivity(String activityArn) {
    call("deleteActivity", () -> {
      delegate.deleteActivity(activityArn);
      return null;
    });
  }

  @Override
  public boolean putActivityTask(ActivityTaskRecord task) {
    return call("putActivityTask", () -> delegate.putActivityTask(task));
  }

  @Override
  public List<ActivityTaskRecord> activityTasks(String activityArn) {
    return call("activityTasks", () -> delegate.activityTasks(activityArn));
  }

  @Override
  public boolean claimActivityTask(ActivityTaskRecord task) {
    return call("claimActivityTask", () -> delegate.claimActivityTask(task));
  }

  /** Map runs are not part of the fault plan yet: their store is the delegate's. */
  @Override
  public dev.nestflow.infrastructure.store.MapRunStore mapRuns() {
    return delegate.mapRuns();
  }
}
