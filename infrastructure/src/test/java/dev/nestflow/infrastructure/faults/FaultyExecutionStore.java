package dev.nestflow.infrastructure.faults;

import dev.nestflow.infrastructure.store.ActivityRecord;
import dev.nestflow.infrastructure.store.ActivityTaskRecord;
import dev.nestflow.infrastructure.store.ExecutionRecord;
import dev.nestflow.infrastructure.store.ExecutionStore;
import dev.nestflow.infrastructure.store.ItemTooLargeException;
import dev.nestflow.infrastructure.store.SignalEntry;
import dev.nestflow.infrastructure.store.StateMachineRecord;
import dev.nestflow.infrastructure.store.TokenRecord;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;

/**
 * An {@link ExecutionStore} that fails where its {@link FaultPlan} says: a crash before a call (the
 * call never happens) or after it (the call took effect, the caller never learns it), a call
 * throttled as DynamoDB does it (ProvisionedThroughputExceededException: nothing written, the
 * caller sees the exception after the SDK's retries gave up), or a step slower than the visibility
 * timeout ({@code slowStep} handles the running delivery's message again before the call). Before
 * each conditional write it may run {@code concurrentStep}, another handler that gets there first.
 *
 * <p>Like the DynamoDB adapter, it refuses an item above 400 KB with {@link ItemTooLargeException}
 * (sized as that adapter lays its items out), whether or not faults are on: the embedded store has
 * no such limit, and an execution must not depend on the lack of it.
 */
public final class FaultyExecutionStore implements ExecutionStore {
  /** The DynamoDB adapter's item limit (400 KB read as 400,000 bytes). */
  static final long ITEM_LIMIT = 400_000;

  private final ExecutionStore delegate;
  private final FaultPlan plan;
  private final Runnable concurrentStep;
  private final Runnable slowStep;
  private int oversized;

  public FaultyExecutionStore(ExecutionStore delegate, FaultPlan plan, Runnable concurrentStep) {
    this(delegate, plan, concurrentStep, () -> {});
  }

  public FaultyExecutionStore(ExecutionStore delegate, FaultPlan plan, Runnable concurrentStep, Runnable slowStep) {
    this.delegate = delegate;
    this.plan = plan;
    this.concurrentStep = concurrentStep;
    this.slowStep = slowStep;
  }

  /** How many writes were refused as items over 400 KB. */
  public int oversizedItems() {
    return oversized;
  }

  private <T> T call(String operation, Supplier<T> call) {
    FaultKind fault = plan.callFault(true, operation);
    if (fault == FaultKind.SLOW_STEP) {
      slowStep.run();
    } else if (fault == FaultKind.THROTTLE) {
      throw ProvisionedThroughputExceededException.builder()
          .message("The level of configured provisioned throughput for the table was exceeded (" + operation + ")")
          .statusCode(400)
          .build();
    } else if (fault == FaultKind.CRASH_BEFORE) {
      throw new InjectedCrash(fault, operation);
    }
    T result = call.get();
    if (fault == FaultKind.CRASH_AFTER) {
      throw new InjectedCrash(fault, operation);
    }
    return result;
  }

  private void race() {
    plan.checkAlive("append");
    if (plan.concurrentStep()) {
      concurrentStep.run();
    }
  }

  /** Refuses an item DynamoDB would refuse: names and values in UTF-8, about 10 bytes per number. */
  private void checkSize(String what, String... namesAndValues) {
    long size = 0;
    for (String s : namesAndValues) {
      size += s == null ? 10 : s.getBytes(StandardCharsets.UTF_8).length;
    }
    if (size > ITEM_LIMIT) {
      oversized++;
      throw new ItemTooLargeException(what, size, ITEM_LIMIT);
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
    return call("create", () -> {
      checkSize("execution definition and input " + record.executionArn(), "pk", "EXEC#" + record.executionArn(), "sk",
          "SIG#0000000000000000001", "seq", null, "signalId", "start", "signalJson", "{}", "atMillis", null,
          "definition", record.definition(), "inputText", record.inputText());
      return delegate.create(record);
    });
  }

  @Override
  public Optional<ExecutionRecord> execution(String executionArn) {
    return call("execution", () -> delegate.execution(executionArn));
  }

  @Override
  public Optional<Opened> open(String executionArn, int maxEntries) {
    return call("open", () -> delegate.open(executionArn, maxEntries));
  }

  /** Forwarded as it is: adopting writes and reads nothing, so there is nothing to fail. */
  @Override
  public void adopt(ExecutionRecord record) {
    delegate.adopt(record);
  }

  @Override
  public List<SignalEntry> signals(String executionArn) {
    return call("signals", () -> delegate.signals(executionArn));
  }

  @Override
  public boolean append(String executionArn, SignalEntry entry) {
    race();
    return call("append", () -> {
      checkSize("signal " + entry.seq() + " of " + executionArn, "pk", "EXEC#" + executionArn, "sk",
          "SIG#0000000000000000001", "seq", null, "signalId", entry.signalId(), "signalJson", entry.signalJson(),
          "atMillis", null);
      return delegate.append(executionArn, entry);
    });
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
  public List<SignalEntry> signalsAfter(String executionArn, long afterSeq) {
    return call("signalsAfter", () -> delegate.signalsAfter(executionArn, afterSeq));
  }

  @Override
  public void putSnapshot(String executionArn, dev.nestflow.infrastructure.store.SnapshotRecord snapshot) {
    call("putSnapshot", () -> {
      delegate.putSnapshot(executionArn, snapshot);
      return null;
    });
  }

  @Override
  public Optional<dev.nestflow.infrastructure.store.SnapshotRecord> latestSnapshot(String executionArn, long atMostSeq) {
    return call("latestSnapshot", () -> delegate.latestSnapshot(executionArn, atMostSeq));
  }

  @Override
  public boolean end(ExecutionRecord ended) {
    return call("end", () -> {
      checkSize("execution head " + ended.executionArn(), "pk", "EXEC#" + ended.executionArn(), "sk", "HEAD",
          "gsi1pk", ended.stateMachineArn(), "gsi1sk", "0000000000000000000#" + ended.executionArn(), "executionArn",
          ended.executionArn(), "stateMachineArn", ended.stateMachineArn(), "name", ended.name(), "status", ended.status(),
          "outputText", ended.outputText(), "error", ended.error(), "cause", ended.cause(), "parentArn", ended.parentArn(),
          "parentTaskKey", ended.parentTaskKey(), "other fields", "type roleArn startMillis seed version stopMillis parentPattern");
      return delegate.end(ended);
    });
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
