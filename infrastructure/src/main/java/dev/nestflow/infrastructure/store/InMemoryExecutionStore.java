package dev.nestflow.infrastructure.store;

import java.time.Clock;
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
 *
 * <p>Expiry as {@link DynamoDbExecutionStore} applies it (see {@link Retention}): a head, token or
 * activity task whose expiry has passed on the store's clock reads as absent, and a name whose head
 * has expired can be started again with an empty log. Expired entries are dropped when next touched.
 */
public final class InMemoryExecutionStore implements ExecutionStore {
  private final Object lock = new Object();
  private final Clock clock;
  private final Retention retention;
  private final Map<String, StateMachineRecord> machines = new HashMap<>();
  private final Map<String, ExecutionRecord> heads = new HashMap<>();
  private final Map<String, List<SignalEntry>> logs = new HashMap<>();
  private final Map<String, java.util.TreeMap<Long, SnapshotRecord>> snapshots = new HashMap<>();
  private final Map<String, List<DeadLetterNote>> deadLetters = new HashMap<>();
  private final Map<String, TokenRecord> tokens = new HashMap<>();
  private final Map<String, Long> tokenExpiry = new HashMap<>();
  private final Map<String, String> answers = new HashMap<>();
  private final Map<String, ActivityRecord> activities = new HashMap<>();
  private final Map<String, Map<String, ActivityTaskRecord>> activityTasks = new HashMap<>();
  private final Map<String, Long> activityTaskExpiry = new HashMap<>();

  /**
   * A store whose items never expire: for runs on a virtual clock the store does not see (the
   * embedded runtime, tests), where a year-long Wait must not expire what it waits with.
   */
  public InMemoryExecutionStore() {
    this(null, Retention.DEFAULT);
  }

  /** A store whose items expire by {@code retention} on {@code clock} (serve; a virtual clock in tests). */
  public InMemoryExecutionStore(Clock clock, Retention retention) {
    this.clock = clock;
    this.retention = retention;
  }

  private boolean expired(long expiresAtMillis) {
    return clock != null && expiresAtMillis <= clock.millis();
  }

  private long now() {
    return clock == null ? System.currentTimeMillis() : clock.millis();
  }

  /** The live head of the execution (null when there is none or it expired). Caller holds the lock. */
  private ExecutionRecord live(String executionArn) {
    ExecutionRecord head = heads.get(executionArn);
    if (head != null && expired(retention.of(head))) {
      heads.remove(executionArn);
      logs.remove(executionArn);
      deadLetters.remove(executionArn);
      return null;
    }
    return head;
  }

  /** The expiry of an item of the execution (its running bound; one Standard lifetime from now when unknown). */
  private long itemExpiry(String executionArn) {
    ExecutionRecord head = live(executionArn);
    return head == null ? retention.whileRunning("STANDARD", now()) : retention.whileRunning(head.type(), head.startMillis());
  }

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
      ExecutionRecord stored = live(record.executionArn());
      if (stored != null) {
        return sameIncarnation(stored, record);   // a retry of this create: it did create it
      }
      heads.put(record.executionArn(), record);
      deadLetters.remove(record.executionArn());
      snapshots.remove(record.executionArn());
      logs.put(record.executionArn(), new ArrayList<>(List.of(SignalEntry.start(record.startMillis()))));
      return true;
    }
  }

  @Override
  public Optional<ExecutionRecord> execution(String executionArn) {
    synchronized (lock) {
      return Optional.ofNullable(live(executionArn));
    }
  }

  /** Whether {@code stored} was created from {@code record}: the same start and seed (as DynamoDB's incarnation id). */
  private static boolean sameIncarnation(ExecutionRecord stored, ExecutionRecord record) {
    return stored.startMillis() == record.startMillis() && stored.seed() == record.seed();
  }

  @Override
  public Optional<Opened> open(String executionArn, int maxEntries) {
    synchronized (lock) {
      ExecutionRecord head = live(executionArn);
      if (head == null) {
        return Optional.empty();
      }
      List<SignalEntry> log = logs.getOrDefault(executionArn, List.of());
      return Optional.of(new Opened(head, log.size() <= maxEntries ? List.copyOf(log) : null));
    }
  }

  @Override
  public List<SignalEntry> signals(String executionArn) {
    synchronized (lock) {
      return live(executionArn) == null ? List.of() : List.copyOf(logs.getOrDefault(executionArn, List.of()));
    }
  }

  @Override
  public List<SignalEntry> signalsAfter(String executionArn, long afterSeq) {
    synchronized (lock) {
      List<SignalEntry> log = live(executionArn) == null ? List.of() : logs.getOrDefault(executionArn, List.of());
      int from = (int) Math.min(Math.max(afterSeq, 0), log.size());
      return List.copyOf(log.subList(from, log.size()));
    }
  }

  @Override
  public boolean append(String executionArn, SignalEntry entry) {
    AppendRules.checkAppend(executionArn, entry);
    synchronized (lock) {
      List<SignalEntry> log = live(executionArn) == null ? null : logs.get(executionArn);
      if (log == null || log.size() != entry.seq() - 1) {
        return false;
      }
      log.add(entry);
      return true;
    }
  }

  @Override
  public void putSnapshot(String executionArn, SnapshotRecord snapshot) {
    synchronized (lock) {
      if (live(executionArn) == null) {
        return;
      }
      snapshots.computeIfAbsent(executionArn, arn -> new java.util.TreeMap<>()).put(snapshot.seq(), snapshot);
    }
  }

  @Override
  public Optional<SnapshotRecord> latestSnapshot(String executionArn, long atMostSeq) {
    synchronized (lock) {
      java.util.TreeMap<Long, SnapshotRecord> of = live(executionArn) == null ? null : snapshots.get(executionArn);
      return Optional.ofNullable(of == null ? null : of.floorEntry(atMostSeq)).map(Map.Entry::getValue);
    }
  }

  @Override
  public boolean end(ExecutionRecord ended) {
    AppendRules.checkEnd(ended);
    synchronized (lock) {
      ExecutionRecord stored = live(ended.executionArn());
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
      ExecutionRecord stored = live(closed.executionArn());
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
      if (live(executionArn) == null) {
        return; // no execution (or it expired): nothing to note it on
      }
      List<DeadLetterNote> notes = deadLetters.computeIfAbsent(executionArn, arn -> new ArrayList<>());
      notes.removeIf(n -> n.signalId().equals(note.signalId()));
      notes.add(note);
    }
  }

  @Override
  public List<DeadLetterNote> deadLetters(String executionArn) {
    synchronized (lock) {
      return live(executionArn) == null ? List.of() : List.copyOf(deadLetters.getOrDefault(executionArn, List.of()));
    }
  }

  @Override
  public boolean putToken(TokenRecord token) {
    Objects.requireNonNull(token.token(), "token");
    synchronized (lock) {
      answers.remove(token.token());
      boolean fresh = liveToken(token.token()) == null;
      tokens.put(token.token(), token);
      tokenExpiry.put(token.token(), itemExpiry(token.executionArn()));
      return fresh;
    }
  }

  @Override
  public boolean answerToken(String token, String answer) {
    Objects.requireNonNull(answer, "answer");
    synchronized (lock) {
      if (liveToken(token) == null) {
        return false;
      }
      return answer.equals(answers.computeIfAbsent(token, t -> answer));
    }
  }

  @Override
  public Optional<TokenRecord> token(String token) {
    synchronized (lock) {
      return Optional.ofNullable(liveToken(token));
    }
  }

  private TokenRecord liveToken(String token) {
    Long expiry = tokenExpiry.get(token);
    if (expiry != null && expired(expiry)) {
      tokens.remove(token);
      tokenExpiry.remove(token);
      answers.remove(token);
    }
    return tokens.get(token);
  }

  @Override
  public List<ExecutionRecord> executions(String stateMachineArn) {
    synchronized (lock) {
      return List.copyOf(heads.keySet()).stream()
          .map(this::live)
          .filter(r -> r != null && r.stateMachineArn().equals(stateMachineArn))
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
      dropExpiredTasks(task.activityArn());
      Map<String, ActivityTaskRecord> queued = activityTasks.computeIfAbsent(task.activityArn(), a -> new java.util.LinkedHashMap<>());
      long expiry = itemExpiry(task.executionArn());
      // a task with this token of an earlier execution of the same name (another expiry) is replaced
      boolean fresh = !queued.containsKey(task.token()) || activityTaskExpiry.getOrDefault(task.token(), expiry) != expiry;
      if (fresh) {
        queued.put(task.token(), task);
        activityTaskExpiry.put(task.token(), expiry);
      }
      return fresh;
    }
  }

  @Override
  public List<ActivityTaskRecord> activityTasks(String activityArn) {
    synchronized (lock) {
      dropExpiredTasks(activityArn);
      return activityTasks.getOrDefault(activityArn, Map.of()).values().stream()
          .sorted(Comparator.comparingLong(ActivityTaskRecord::scheduledMillis).thenComparing(ActivityTaskRecord::token))
          .toList();
    }
  }

  @Override
  public boolean claimActivityTask(ActivityTaskRecord task) {
    synchronized (lock) {
      Map<String, ActivityTaskRecord> queued = activityTasks.get(task.activityArn());
      dropExpiredTasks(task.activityArn());
      boolean claimed = queued != null && queued.remove(task.token()) != null;
      if (claimed) {
        activityTaskExpiry.remove(task.token());
      }
      return claimed;
    }
  }

  private void dropExpiredTasks(String activityArn) {
    Map<String, ActivityTaskRecord> queued = activityTasks.get(activityArn);
    if (queued != null) {
      queued.keySet().removeIf(token -> {
        boolean gone = expired(activityTaskExpiry.getOrDefault(token, Long.MAX_VALUE));
        if (gone) {
          activityTaskExpiry.remove(token);
        }
        return gone;
      });
    }
  }

  /** Newest start first; executions started in the same millisecond by ARN, descending (as DynamoDB's index orders them). */
  static final Comparator<ExecutionRecord> NEWEST_FIRST =
      Comparator.comparingLong(ExecutionRecord::startMillis)
          .thenComparing(ExecutionRecord::executionArn)
          .reversed();
}
