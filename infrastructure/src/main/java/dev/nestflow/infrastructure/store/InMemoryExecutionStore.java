package dev.nestflow.infrastructure.store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The embedded {@link ExecutionStore}: everything in maps guarded by one lock, so every operation
 * is atomic and the store is safe to share between threads. Nothing survives the process.
 */
public final class InMemoryExecutionStore implements ExecutionStore {
  private final Object lock = new Object();
  private final Map<String, StateMachineRecord> machines = new HashMap<>();
  private final Map<String, ExecutionRecord> heads = new HashMap<>();
  private final Map<String, List<SignalEntry>> logs = new HashMap<>();
  private final Map<String, List<DeadLetterNote>> deadLetters = new HashMap<>();
  private final Map<String, TokenRecord> tokens = new HashMap<>();
  private final Map<String, String> answers = new HashMap<>();
  private final Map<String, ActivityRecord> activities = new HashMap<>();
  private final Map<String, Map<String, ActivityTaskRecord>> activityTasks = new HashMap<>();
  private final InMemoryMapRunStore mapRuns = new InMemoryMapRunStore();

  @Override
  public MapRunStore mapRuns() {
    return mapRuns;
  }

  @Override
  public void putStateMachine(StateMachineRecord machine) {
    Objects.requireNonNull(machine.stateMachineArn(), "stateMachineArn");
    synchronized (lock) {
      machines.put(machine.stateMachineArn(), machine);
    }
  }

  @Override
  public Optional<StateMachineRecord> stateMachine(String stateMachineArn) {
    synchronized (lock) {
      return Optional.ofNullable(machines.get(stateMachineArn));
    }
  }

  @Override
  public void deleteStateMachine(String stateMachineArn) {
    synchronized (lock) {
      machines.remove(stateMachineArn);
    }
  }

  @Override
  public boolean create(ExecutionRecord record) {
    AppendRules.checkCreate(record);
    synchronized (lock) {
      if (heads.containsKey(record.executionArn())) {
        return false;
      }
      heads.put(record.executionArn(), record);
      logs.put(record.executionArn(), new ArrayList<>(List.of(SignalEntry.start(record.startMillis()))));
      return true;
    }
  }

  @Override
  public Optional<ExecutionRecord> execution(String executionArn) {
    synchronized (lock) {
      return Optional.ofNullable(heads.get(executionArn));
    }
  }

  @Override
  public List<SignalEntry> signals(String executionArn) {
    synchronized (lock) {
      return List.copyOf(logs.getOrDefault(executionArn, List.of()));
    }
  }

  @Override
  public List<SignalEntry> signalsAfter(String executionArn, long afterSeq) {
    synchronized (lock) {
      List<SignalEntry> log = logs.getOrDefault(executionArn, List.of());
      int from = (int) Math.min(Math.max(afterSeq, 0), log.size());
      return List.copyOf(log.subList(from, log.size()));
    }
  }

  @Override
  public boolean append(String executionArn, SignalEntry entry) {
    AppendRules.checkAppend(executionArn, entry);
    synchronized (lock) {
      List<SignalEntry> log = logs.get(executionArn);
      if (log == null || log.size() != entry.seq() - 1) {
        return false;
      }
      log.add(entry);
      return true;
    }
  }

  @Override
  public boolean end(ExecutionRecord ended) {
    AppendRules.checkEnd(ended);
    synchronized (lock) {
      ExecutionRecord stored = heads.get(ended.executionArn());
      if (stored == null || !stored.running()) {
        return false;
      }
      heads.put(ended.executionArn(), ended);
      return true;
    }
  }

  @Override
  public boolean reopen(ExecutionRecord closed, ExecutionRecord reopened) {
    AppendRules.checkReopen(closed, reopened);
    synchronized (lock) {
      ExecutionRecord stored = heads.get(closed.executionArn());
      if (stored == null || !stored.status().equals(closed.status()) || stored.version() != closed.version()) {
        return false;
      }
      heads.put(closed.executionArn(), reopened);
      return true;
    }
  }

  @Override
  public void noteDeadLetter(String executionArn, DeadLetterNote note) {
    synchronized (lock) {
      List<DeadLetterNote> notes = deadLetters.computeIfAbsent(executionArn, arn -> new ArrayList<>());
      notes.removeIf(n -> n.signalId().equals(note.signalId()));
      notes.add(note);
    }
  }

  @Override
  public List<DeadLetterNote> deadLetters(String executionArn) {
    synchronized (lock) {
      return List.copyOf(deadLetters.getOrDefault(executionArn, List.of()));
    }
  }

  @Override
  public boolean putToken(TokenRecord token) {
    Objects.requireNonNull(token.token(), "token");
    synchronized (lock) {
      answers.remove(token.token());
      return tokens.put(token.token(), token) == null;
    }
  }

  @Override
  public boolean answerToken(String token, String answer) {
    Objects.requireNonNull(answer, "answer");
    synchronized (lock) {
      if (!tokens.containsKey(token)) {
        return false;
      }
      return answer.equals(answers.computeIfAbsent(token, t -> answer));
    }
  }

  @Override
  public Optional<TokenRecord> token(String token) {
    synchronized (lock) {
      return Optional.ofNullable(tokens.get(token));
    }
  }

  @Override
  public List<ExecutionRecord> executions(String stateMachineArn) {
    synchronized (lock) {
      return heads.values().stream()
          .filter(r -> r.stateMachineArn().equals(stateMachineArn))
          .sorted(NEWEST_FIRST)
          .toList();
    }
  }

  @Override
  public boolean putActivity(ActivityRecord activity) {
    Objects.requireNonNull(activity.activityArn(), "activityArn");
    synchronized (lock) {
      return activities.putIfAbsent(activity.activityArn(), activity) == null;
    }
  }

  @Override
  public Optional<ActivityRecord> activity(String activityArn) {
    synchronized (lock) {
      return Optional.ofNullable(activities.get(activityArn));
    }
  }

  @Override
  public void deleteActivity(String activityArn) {
    synchronized (lock) {
      activities.remove(activityArn);
    }
  }

  @Override
  public boolean putActivityTask(ActivityTaskRecord task) {
    Objects.requireNonNull(task.token(), "token");
    synchronized (lock) {
      return activityTasks.computeIfAbsent(task.activityArn(), a -> new java.util.LinkedHashMap<>())
          .putIfAbsent(task.token(), task) == null;
    }
  }

  @Override
  public List<ActivityTaskRecord> activityTasks(String activityArn) {
    synchronized (lock) {
      return activityTasks.getOrDefault(activityArn, Map.of()).values().stream()
          .sorted(Comparator.comparingLong(ActivityTaskRecord::scheduledMillis).thenComparing(ActivityTaskRecord::token))
          .toList();
    }
  }

  @Override
  public boolean claimActivityTask(ActivityTaskRecord task) {
    synchronized (lock) {
      Map<String, ActivityTaskRecord> queued = activityTasks.get(task.activityArn());
      return queued != null && queued.remove(task.token()) != null;
    }
  }

  /** Newest start first; executions started in the same millisecond by ARN, descending (as DynamoDB's index orders them). */
  static final Comparator<ExecutionRecord> NEWEST_FIRST =
      Comparator.comparingLong(ExecutionRecord::startMillis)
          .thenComparing(ExecutionRecord::executionArn)
          .reversed();
}
