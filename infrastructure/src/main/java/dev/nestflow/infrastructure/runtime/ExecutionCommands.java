package dev.nestflow.infrastructure.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nestflow.core.interpreter.ExecutionResult;
import dev.nestflow.core.interpreter.Signal;
import dev.nestflow.core.interpreter.SignalCodec;
import dev.nestflow.core.json.Json;
import dev.nestflow.infrastructure.store.DeadLetterNote;
import dev.nestflow.infrastructure.store.ExecutionRecord;
import dev.nestflow.infrastructure.store.ExecutionStore;
import dev.nestflow.infrastructure.store.SignalEntry;
import dev.nestflow.infrastructure.store.StateMachineRecord;
import dev.nestflow.infrastructure.store.TokenRecord;
import dev.nestflow.infrastructure.tasks.TaskOutcome;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What callers outside the state-advance step ask of executions: start one (from a state machine or
 * one of its versions), stop it, answer its tasks, describe it; plus the activities. Each command
 * checks its request as AWS does and then writes at most the execution's creation and one transition
 * message: the {@link StateAdvance} step applies the message and runs the execution.
 */
public final class ExecutionCommands {
  private final ExecutionStore store;
  private final Transitions transitions;
  private final Clock clock;
  private final Replayer replayer;
  private final Activities activities;
  private final TaskTokens tokens;

  ExecutionCommands(ExecutionStore store, Transitions transitions, Clock clock, Replayer replayer, TaskTokens tokens) {
    this.store = store;
    this.tokens = tokens;
    this.transitions = transitions;
    this.clock = clock;
    this.replayer = replayer;
    this.activities = new Activities(this, store, tokens);
  }

  /** Activities: CreateActivity, DeleteActivity, GetActivityTask (answers go through {@code sendTask*}). */
  public Activities activities() {
    return activities;
  }

  public ExecutionStore store() {
    return store;
  }

  Clock clock() {
    return clock;
  }

  /** The StartExecution response: the execution's ARN and start time. */
  public record Started(String executionArn, long startMillis) {}

  /**
   * What a create did: the execution started (new, or the running one an idempotent start found)
   * and the start message to send for it, which carries the record only when this call created it
   * (see {@link TransitionMessage#start(ExecutionRecord)}).
   */
  record Creation(Started started, TransitionMessage startMessage) {}

  /** Who started an execution through {@code states:startExecution} and how it waits (see {@link ExecutionRecord}). */
  record Parent(String executionArn, String taskKey, String pattern) {}

  /**
   * StartExecution: checks the state machine, name and input as AWS does, creates the execution
   * (idempotently: the same name and input while it is still running return the same execution)
   * and enqueues its start.
   */
  public Started startExecution(String stateMachineArn, String name, String inputText) {
    Creation creation = create(stateMachineArn, name, inputText, null);
    send(creation.startMessage(), Duration.ZERO);
    return creation.started();
  }

  /**
   * StartExecution on a published version ({@code <state machine ARN>:<n>}): the execution belongs to
   * the state machine and runs the version's definition, type and role; idempotent as {@link
   * #startExecution}. The caller has checked the name and input; {@code created} is told the new
   * execution's ARN before its start is sent (not when an existing execution is returned).
   */
  public Started startVersion(String versionArn, String name, String inputText, Consumer<String> created) {
    StateMachineRecord version = machine(versionArn);
    String base = versionArn.substring(0, versionArn.lastIndexOf(':'));
    String executionName = name == null ? Ids.uuid() : name;
    StateMachineRecord asMachine =
        new StateMachineRecord(base, version.name(), version.type(), version.definition(), version.roleArn(), version.createdMillis());
    Creation creation = create(asMachine, executionName, inputText, null, created);
    send(creation.startMessage(), Duration.ZERO);
    return creation.started();
  }

  /**
   * Creates an execution as {@link #startExecution} does, without sending its start: a nested start
   * applies it in the parent's call, after the parent's TaskSubmitted (so that the child's answer can
   * never overtake it).
   */
  Creation create(String stateMachineArn, String name, String inputText, Parent parent) {
    StateMachineRecord machine = machine(stateMachineArn);
    String text = inputText == null ? "{}" : inputText;
    Inputs.parse(text);
    String executionName = name == null ? Ids.uuid() : Names.checkExecutionName(name);
    return create(machine, executionName, text, parent, arn -> {});
  }

  private StateMachineRecord machine(String stateMachineArn) {
    return store.stateMachine(stateMachineArn)
        .orElseThrow(() -> new ApiException("StateMachineDoesNotExist", "State Machine Does Not Exist: '" + stateMachineArn + "'"));
  }

  /** The idempotent create: a new execution, or the running one of that ARN with the same input. */
  private Creation create(StateMachineRecord machine, String executionName, String text, Parent parent, Consumer<String> created) {
    String arn = Names.executionArn(machine, executionName);
    ExecutionRecord record = parent == null
        ? ExecutionRecord.started(arn, machine, executionName, text, clock.millis(), Ids.seed())
        : ExecutionRecord.startedBy(arn, machine, executionName, text, clock.millis(), Ids.seed(),
            parent.executionArn(), parent.taskKey(), parent.pattern());
    record = record.withKeyId(tokens.currentKeyId());
    if (store.create(record)) {
      created.accept(arn);
      return new Creation(new Started(arn, record.startMillis()), TransitionMessage.start(record));
    }
    record = store.execution(arn)
        .filter(existing -> existing.running() && existing.inputText().equals(text))
        .orElseThrow(() -> new ApiException("ExecutionAlreadyExists", "Execution Already Exists: '" + arn + "'"));
    return new Creation(new Started(arn, record.startMillis()), TransitionMessage.start(arn));
  }

  /**
   * How much earlier than its execution's start a token or activity task may be registered and still
   * be the execution's (clocks of different containers disagree a little). Anything older belongs to
   * an earlier execution of the same name, which ended at least the retention (a day or more) before
   * this one started.
   */
  static final Duration CLOCK_SKEW = Duration.ofHours(1);

  /** Whether something registered at {@code registeredMillis} can belong to {@code rec} (see {@link #CLOCK_SKEW}). */
  private static boolean ofThisExecution(ExecutionRecord rec, long registeredMillis) {
    return registeredMillis >= rec.startMillis() - CLOCK_SKEW.toMillis();
  }

  /** SendTaskSuccess. */
  public void sendTaskSuccess(String token, String outputText) {
    TokenRecord t = liveToken(token);
    JsonNode output;
    try {
      output = Json.parse(outputText);
    } catch (Json.JsonSyntaxException e) {
      throw new ApiException("InvalidOutput", "Invalid Output: '" + e.getMessage() + "'");
    }
    takeAnswer(token, "success\n" + Json.write(output));
    send(new TransitionMessage(t.executionArn(), SignalId.tokenAnswer(t.taskKey()).text(), new Signal.TaskSucceeded(t.taskKey(), output), null),
        Duration.ZERO);
  }

  /** SendTaskFailure. */
  public void sendTaskFailure(String token, String error, String cause) {
    TokenRecord t = liveToken(token);
    takeAnswer(token, "failure\n" + error + "\n" + cause);
    send(new TransitionMessage(t.executionArn(), SignalId.tokenAnswer(t.taskKey()).text(), new Signal.TaskFailed(t.taskKey(), error, cause), null),
        Duration.ZERO);
  }

  /** SendTaskHeartbeat: restarts the task's HeartbeatSeconds clock. */
  public void sendTaskHeartbeat(String token) {
    TokenRecord t = liveToken(token);
    send(new TransitionMessage(t.executionArn(), SignalId.heartbeat(t.taskKey()).text(), new Signal.Heartbeat(t.taskKey()), null),
        Duration.ZERO);
  }

  /**
   * Records this answer as the token's only one: a client's retry of the same answer is accepted
   * again (its second message changes nothing), a different answer is refused as AWS refuses an
   * answer to a task that is no longer waiting.
   */
  private void takeAnswer(String token, String answer) {
    if (!store.answerToken(token, Ids.digest(answer))) {
      throw new ApiException("TaskTimedOut", "Task Timed Out: 'Provided task does not exist anymore'");
    }
  }

  private TokenRecord liveToken(String token) {
    if (token == null || token.isEmpty() || token.length() > 2048) {
      throw new ApiException("InvalidToken", "Invalid Token: 'Invalid token'");
    }
    TokenRecord t = store.token(token).orElseThrow(() -> new ApiException("InvalidToken", "Invalid Token: 'Invalid token'"));
    if (store.execution(t.executionArn()).filter(rec -> ofThisExecution(rec, t.createdMillis())).isEmpty()) {
      // no execution, or a later one of the same name (the token's execution expired)
      throw new ApiException("TaskDoesNotExist", "Task Does Not Exist");
    }
    if (!isWaitingOn(t.executionArn(), t.taskKey(), t.createdMillis())) {
      throw new ApiException("TaskTimedOut", "Task Timed Out: 'Provided task does not exist anymore'");
    }
    return t;
  }

  /**
   * Whether the execution is running and its task {@code taskKey}, registered at {@code
   * registeredMillis} (not by an earlier execution of the same name), still waits for an answer.
   */
  boolean isWaitingOn(String executionArn, String taskKey, long registeredMillis) {
    return store.execution(executionArn)
        .filter(ExecutionRecord::running)
        .filter(rec -> ofThisExecution(rec, registeredMillis))
        .map(rec -> replayer.load(store, rec).rebuilt().execution().isWaitingOn(taskKey))
        .orElse(false);
  }

  /**
   * Answers a task that its invoker handed over ({@link TaskOutcome.Pending}) and finished later,
   * e.g. a function that runs longer than the step: as if the invoker had returned {@code outcome}.
   * Changes nothing when the task no longer waits (it timed out, or the execution ended).
   */
  public void completeTask(String executionArn, String taskKey, TaskOutcome outcome) {
    TransitionMessage.answering(executionArn, SignalId.lateTaskAnswer(taskKey), taskKey, outcome)
        .ifPresent(m -> send(m, Duration.ZERO));
  }

  /**
   * UpdateMapRun: the run's new limits, then a tick (which starts more children, or fails the run
   * when the new tolerance is exceeded). False when the run is not RUNNING.
   */
  public boolean updateMapRun(String mapRunArn, int maxConcurrency, long toleratedFailureCount, double toleratedFailurePercentage) {
    if (!store.mapRuns().updateLimits(mapRunArn, maxConcurrency, toleratedFailureCount, toleratedFailurePercentage)) {
      return false;
    }
    if (store.mapRuns().requestTick(mapRunArn)) {
      transitions.sendMapRun(new MapRunMessage(mapRunArn));
    }
    return true;
  }

  /** StopExecution. */
  public void stopExecution(String executionArn, String error, String cause) {
    ExecutionRecord rec =
        store.execution(executionArn)
            .orElseThrow(() -> new ApiException("ExecutionDoesNotExist", "Execution Does Not Exist: '" + executionArn + "'"));
    if (rec.running()) {
      send(new TransitionMessage(executionArn, SignalId.stop().text(), new Signal.Stop(error, cause), null), Duration.ZERO);
    }
  }

  /** How long, and for how many of the latest redrives, a client token makes RedriveExecution idempotent (AWS). */
  static final Duration REDRIVE_TOKEN_LIFE = Duration.ofMinutes(15);
  static final int REDRIVE_TOKENS_KEPT = 10;

  /**
   * RedriveExecution: appends a {@link Signal.Redrive} to the closed execution's log (conditionally,
   * at the next position), reopens its head (conditionally, only from the closed head it read), then
   * sends the redrive's transition message, whose step finds the signal logged and performs what the
   * redrive started. Returns the redrive's time.
   *
   * <p>Idempotent: a request with the client token of one of the last {@value #REDRIVE_TOKENS_KEPT}
   * redrives (within {@link #REDRIVE_TOKEN_LIFE}) returns that redrive's time and re-sends its
   * message. A redrive whose request stopped between its append and its head write is finished by
   * the next RedriveExecution of the execution. Of two concurrent redrives one appends; the other is
   * refused (ExecutionNotRedrivable, the execution is RUNNING).
   */
  public long redriveExecution(String executionArn, String clientToken) {
    for (int attempt = 0; ; attempt++) {
      ExecutionRecord rec = store.execution(executionArn)
          .orElseThrow(() -> new ApiException("ExecutionDoesNotExist", "Execution Does Not Exist: '" + executionArn + "'"));
      List<SignalEntry> log = store.signals(executionArn);
      long now = clock.millis();
      Optional<SignalEntry> same = sameRedrive(log, clientToken, now);
      if (same.isPresent()) {
        finishRedrive(rec, same.get());
        return same.get().atMillis();
      }
      Optional<SignalEntry> unfinished = unfinishedRedrive(rec, log);
      if (unfinished.isPresent()) {
        // another request's redrive (logged, its head write still to come, or lost in a crash):
        // finish it for that request, and lose to it as a concurrent redrive loses on AWS
        finishRedrive(rec, unfinished.get());
        throw new ApiException("ExecutionNotRedrivable", "Execution is RUNNING and cannot be redriven");
      }
      // a map run's child runs a state machine the map run holds (none is stored under its ARN)
      boolean machineExists = MapRunDriver.MAP_RUN_PATTERN.equals(rec.parentPattern())
          || store.stateMachine(rec.stateMachineArn()).isPresent();
      String whyNot = Redrivability.whyNot(rec, now, machineExists);
      if (whyNot != null) {
        throw new ApiException("ExecutionNotRedrivable", whyNot);
      }
      Signal.Redrive redrive = new Signal.Redrive(clientToken);
      SignalEntry entry = new SignalEntry(log.size() + 1, SignalId.redrive(rec.redriveCount() + 1).text(),
          Json.write(SignalCodec.encode(redrive)), now);
      if (store.append(executionArn, entry)) {
        finishRedrive(rec, entry);
        return entry.atMillis();
      }
      if (attempt == 2) {
        throw new ApiException("ExecutionNotRedrivable", "Execution is RUNNING and cannot be redriven");
      }
      // another signal took the position: a concurrent redrive (found above next time) or a late one
    }
  }

  /** The redrive among the latest ones that this client token made, if it is recent enough. */
  private static Optional<SignalEntry> sameRedrive(List<SignalEntry> log, String clientToken, long now) {
    if (clientToken == null) {
      return Optional.empty();
    }
    int seen = 0;
    for (int i = log.size() - 1; i >= 0 && seen < REDRIVE_TOKENS_KEPT; i--) {
      SignalEntry e = log.get(i);
      if (isRedrive(e)) {
        seen++;
        Signal.Redrive r = (Signal.Redrive) SignalCodec.decode(Json.parse(e.signalJson()));
        if (clientToken.equals(r.clientToken()) && now - e.atMillis() <= REDRIVE_TOKEN_LIFE.toMillis()) {
          return Optional.of(e);
        }
      }
    }
    return Optional.empty();
  }

  /** A redrive logged after the closed head was written, whose head write did not happen. */
  private static Optional<SignalEntry> unfinishedRedrive(ExecutionRecord rec, List<SignalEntry> log) {
    if (rec.running()) {
      return Optional.empty();
    }
    return log.stream().filter(e -> e.seq() > rec.version() && isRedrive(e)).findFirst();
  }

  private static boolean isRedrive(SignalEntry e) {
    return SignalId.parse(e.signalId()).map(id -> id.kind() == SignalId.Kind.REDRIVE).orElse(false);
  }

  /** Reopens the head (if it is still the closed one) and sends the redrive's message. */
  private void finishRedrive(ExecutionRecord rec, SignalEntry entry) {
    if (!rec.running() && entry.seq() > rec.version()) {
      store.reopen(rec, rec.redriven(entry.seq(), entry.atMillis()));
    }
    Signal signal = SignalCodec.decode(Json.parse(entry.signalJson()));
    send(new TransitionMessage(rec.executionArn(), entry.signalId(), signal, null), Duration.ZERO);
  }

  /**
   * A consumer's last receive of this (opened) transition or invoke message failed with {@code
   * reason}: the queue moves it to its dead-letter queue (SQS at maxReceiveCount, {@code serve} at
   * its 5th failure). Records that on the execution, which stays RUNNING, so DescribeExecution says
   * so; best effort (the store may be what failed): false when nothing could be recorded.
   */
  public boolean recordDeadLetter(String body, int receiveCount, String reason) {
    try {
      JsonNode parsed = Json.parse(body);
      String arn;
      String signalId;
      if (InvokeMessage.is(parsed)) {
        InvokeMessage m = InvokeMessage.fromJson(parsed);
        arn = m.executionArn();
        signalId = m.answerId().text();
      } else {
        TransitionMessage m = TransitionMessage.fromJson(parsed);
        arn = m.executionArn();
        signalId = m.signalId();
      }
      String text = reason == null ? "unknown" : reason.length() > 2_000 ? reason.substring(0, 2_000) + "..." : reason;
      store.noteDeadLetter(arn, new DeadLetterNote(signalId, text, receiveCount, clock.millis()));
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** The execution's state and history, rebuilt from its log. */
  public Optional<ExecutionResult> describe(String executionArn) {
    return store.execution(executionArn).map(rec -> replayer.rebuild(rec, store.signals(executionArn)).execution().result());
  }

  void send(TransitionMessage message, Duration delay) {
    transitions.send(message, delay);
  }
}
