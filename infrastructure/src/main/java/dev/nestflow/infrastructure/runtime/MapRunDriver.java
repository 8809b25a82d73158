package dev.nestflow.infrastructure.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.nestflow.core.errors.ErrorNames;
import dev.nestflow.core.errors.StatesException;
import dev.nestflow.core.interpreter.Effect;
import dev.nestflow.core.interpreter.Environment;
import dev.nestflow.core.interpreter.ExecutionIdentity;
import dev.nestflow.core.interpreter.ExecutionResult;
import dev.nestflow.core.interpreter.ExecutionStatus;
import dev.nestflow.core.interpreter.MapRunRequest;
import dev.nestflow.core.interpreter.MapRunTally;
import dev.nestflow.core.interpreter.Signal;
import dev.nestflow.core.interpreter.TaskHandler;
import dev.nestflow.core.interpreter.VirtualTimeRunner;
import dev.nestflow.core.items.ChildResult;
import dev.nestflow.core.json.Json;
import dev.nestflow.core.states.StateMachine;
import dev.nestflow.core.states.StateMachineParser;
import dev.nestflow.infrastructure.store.ChildOutcome;
import dev.nestflow.infrastructure.store.ExecutionRecord;
import dev.nestflow.infrastructure.store.ExecutionStore;
import dev.nestflow.infrastructure.store.MapRunRecord;
import dev.nestflow.infrastructure.store.MapRunStore;
import dev.nestflow.infrastructure.store.StateMachineRecord;
import dev.nestflow.infrastructure.tasks.TaskInvoker;
import dev.nestflow.infrastructure.tasks.TaskOutcome;
import dev.nestflow.infrastructure.tasks.TaskRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs map runs on the store and the queue. A distributed Map's {@link Effect.StartMapRun} writes
 * the run: its children's inputs in chunks (once), then its head. From then on the run moves by
 * <em>ticks</em> ({@link MapRunMessage}): a tick reads the head and how many children ended and
 * failed (the counts of the outcome chunks above those the head knows complete, not the outcomes),
 * ends the run when they decide it (all ended, or failures past the tolerance: then, once, it reads
 * every outcome), else claims the next children up to MaxConcurrency (one conditional write on the
 * head's cursor, which also records what the tick learned) and starts them.
 *
 * <ul>
 *   <li>A Standard child is an execution of its own (its own log and history, parent link = the
 *       map run): when it ends, its outcome is added to its chunk's outcome item and, when that may
 *       matter, a tick is asked for (see {@link #childEnded}; a conditional flag: while one is
 *       pending, more asks send nothing).
 *   <li>An Express child keeps no history (as on AWS): the tick that claims a slice of them runs
 *       them to their end inside its call, at the same time, and records their outcomes one chunk
 *       item write per chunk.
 * </ul>
 *
 * The parent's log takes two entries per run (its start, its answer), and no item is rewritten once
 * per child: outcome chunks ({@link #CHUNK} children each; a large output or cause goes to an item of
 * its own) take at most {@link #CHUNK} writes each, input chunks (up to {@link #INPUT_CHUNK_BYTES})
 * one, the head one per tick that
 * starts children. The answer to the parent carries a signal id derived from the run, so the ticks
 * that re-send it (any tick after the end) change nothing.
 */
final class MapRunDriver {
  /** Children per outcome chunk item (and at most per input chunk). */
  static final int CHUNK = 100;
  /** AWS runs at most 10,000 children of a map run at a time; MaxConcurrency 0 means that many. */
  static final int MAX_CONCURRENCY = 10_000;
  /** The most Express children one tick claims: a slice runs in one call, other slices in other calls. */
  static final int EXPRESS_SLICE = 100;
  /** How many Express children of a slice run at the same time. */
  static final int EXPRESS_THREADS = 16;
  static final String MAP_RUN_PATTERN = "MAP_RUN";

  private final ExecutionCommands commands;
  private final ExecutionStore store;
  private final MapRunStore runs;
  private final Transitions transitions;
  private final TaskInvoker tasks;
  private final Clock clock;
  private final MapRunItems items;
  private volatile ExecutorService expressPool;

  /** Where the runs' ItemReaders read and ResultWriters write. */
  MapRunItems items() {
    return items;
  }

  MapRunDriver(ExecutionCommands commands, Transitions transitions, TaskInvoker tasks, MapRunItems items) {
    this.commands = commands;
    this.store = commands.store();
    this.runs = store.mapRuns();
    this.transitions = transitions;
    this.tasks = tasks;
    this.clock = commands.clock();
    this.items = items;
  }

  /**
   * Writes the run (unless an earlier delivery of the same step did) and ticks it. The inputs are
   * resolved here, once: the ItemReader read, the ItemSelector applied, batches formed.
   */
  void start(ExecutionRecord parent, Effect.StartMapRun effect) {
    MapRunRequest r = effect.request();
    if (runs.mapRun(r.mapRunArn()).isEmpty()) {
      List<JsonNode> inputs;
      String error = null;
      String cause = null;
      try {
        inputs = items.inputs(r);
      } catch (StatesException e) {
        inputs = List.of();
        error = e.error();
        cause = e.cause();
      }
      int chunkSize = inputChunkSize(inputs);
      for (int chunk = 0; chunk * chunkSize < inputs.size(); chunk++) {
        ArrayNode texts = Json.array();
        inputs.subList(chunk * chunkSize, Math.min(inputs.size(), (chunk + 1) * chunkSize)).forEach(texts::add);
        runs.putInputs(r.mapRunArn(), chunk, Json.write(texts));
      }
      long now = clock.millis();
      MapRunRecord run = new MapRunRecord(r.mapRunArn(), parent.executionArn(), effect.key(), r.stateName(),
          r.childStateMachineArn(), r.executionType(), Json.write(r.processorDefinition()), parent.roleArn(),
          inputs.size(), chunkSize, r.maxConcurrency(), r.toleratedFailureCount(), r.toleratedFailurePercentage(),
          r.toleranceDeclared(), r.resultWriter() == null ? null : Json.write(r.resultWriter()),
          error == null ? "RUNNING" : "FAILED", now, error == null ? null : now, 0, error, cause);
      runs.create(run);
    }
    tick(r.mapRunArn());
  }

  /**
   * The parent was redriven and its Map's map run with it (as on AWS): the run is RUNNING again and
   * answers the new key; the outcomes of its children that did not succeed are forgotten (one write
   * per chunk holding some, so their failures no longer count against the tolerance) and those
   * children run again: a Standard child is redriven (its history goes on), an Express one started
   * again. Children that succeeded keep their outputs; those never started are claimed by ticks as
   * before. A redelivery of the effect finds the run RUNNING under the key and only ticks it.
   */
  void redrive(Effect.RedriveMapRun effect) {
    MapRunRecord run = runs.mapRun(effect.mapRunArn()).orElse(null);
    if (run == null) {
      return;
    }
    if (!run.running() && run.total() == 0 && run.error() != null) {
      // it failed before it had children, and not reading its items (for that one the Map starts a
      // new map run instead of redriving this one, as on AWS: Execution.redriveFrame): nothing to
      // run again, the Map fails again with the same error
      transitions.send(new TransitionMessage(run.executionArn(), SignalId.childAnswer(effect.key()).text(),
          new Signal.TaskFailed(effect.key(), run.error(), run.cause()), null), Duration.ZERO);
      return;
    }
    if (!runs.reopen(run.mapRunArn(), effect.key(), clock.millis())) {
      tick(run.mapRunArn());
      return;
    }
    Map<Integer, java.util.Set<Integer>> unsuccessful = new java.util.TreeMap<>();
    runs.outcomes(run.mapRunArn()).forEach((index, o) -> {
      if (!o.succeeded()) {
        unsuccessful.computeIfAbsent(index / CHUNK, c -> new java.util.TreeSet<>()).add(index);
      }
    });
    unsuccessful.forEach((chunk, indexes) -> runs.forget(run.mapRunArn(), chunk, indexes));
    List<Integer> again = new ArrayList<>();
    unsuccessful.values().forEach(again::addAll);
    if (run.express()) {
      if (!again.isEmpty()) {
        runExpress(run, again);
      }
    } else {
      String base = run.childStateMachineArn().replace(":stateMachine:", ":execution:") + ":";
      for (int i : again) {
        try {
          commands.redriveExecution(base + childName(run, i), effect.key());
        } catch (RuntimeException notRedriven) {
          // the child cannot be redriven (gone, or not redrivable): it counts as failed again
          long now = clock.millis();
          runs.record(run.mapRunArn(), i / CHUNK, Map.of(i, new ChildOutcome("FAILED", null, ErrorNames.RUNTIME,
              String.valueOf(notRedriven.getMessage()), now, now)));
        }
      }
    }
    askForTick(run.mapRunArn());
  }

  /**
   * How long after claiming Express children a check looks for their outcomes: past the 5 minutes
   * an Express execution may run, so a call still running them has recorded them by then.
   */
  static final Duration EXPRESS_CHECK = Duration.ofMinutes(6);

  /**
   * A map run's message delivered for the {@code receiveCount}-th time. When it is delivered again,
   * the call that handled it before failed or died, perhaps between a tick's claim (the cursor moved)
   * and the starts of the Standard children it claimed, which nothing else would ever start (their
   * outcomes never come and the run never ends). So a tick delivered again first starts once more
   * every child below the cursor that has no outcome (see {@link #restartUnended}); it costs a read of
   * the outcomes and one of each such child, on redeliveries only.
   */
  void handle(MapRunMessage message, int receiveCount) {
    if (receiveCount > 1 && !message.isCheck()) {
      restartUnended(message.mapRunArn());
    }
    handle(message);
  }

  /**
   * Starts again the Standard children below the cursor without an outcome: one never created is
   * created and started, one created is sent its start again (which changes nothing for a child that
   * started: its start is entry 1 of its log).
   */
  private void restartUnended(String mapRunArn) {
    MapRunRecord run = runs.mapRun(mapRunArn).orElse(null);
    if (run == null || !run.running() || run.express()) {
      return;
    }
    Map<Integer, ChildOutcome> outcomes = runs.outcomes(mapRunArn);
    String base = run.childStateMachineArn().replace(":stateMachine:", ":execution:") + ":";
    for (int i = run.progress().completeChunks() * CHUNK; i < run.cursor(); i++) {
      if (outcomes.containsKey(i)) {
        continue;
      }
      String arn = base + childName(run, i);
      if (store.execution(arn).isPresent()) {
        transitions.send(TransitionMessage.start(arn), Duration.ZERO);
      } else {
        startStandard(run, i, i + 1);
      }
    }
  }

  /** A map run's message: a tick, or the check of a slice of Express children. */
  void handle(MapRunMessage message) {
    if (!message.isCheck()) {
      tick(message.mapRunArn());
      return;
    }
    MapRunRecord run = runs.mapRun(message.mapRunArn()).orElse(null);
    if (run == null || !run.running()) {
      return;
    }
    Map<Integer, ChildOutcome> outcomes = runs.outcomes(run.mapRunArn());
    List<Integer> missing = new ArrayList<>();
    // children at or above the cursor were never claimed (the check's tick lost its claim): not yet due
    for (int i = message.from(); i < Math.min(message.to(), run.cursor()); i++) {
      if (!outcomes.containsKey(i)) {
        missing.add(i);
      }
    }
    if (!missing.isEmpty()) {
      transitions.sendMapRun(message, EXPRESS_CHECK);
      runExpress(run, missing);
      askForTick(run.mapRunArn());
    }
  }

  /** The most bytes of inputs one input chunk item holds (unless one input is larger alone). */
  static final int INPUT_CHUNK_BYTES = 64 * 1024;

  /** How many inputs share an input chunk: {@link #CHUNK}, fewer when the largest input is big. */
  static int inputChunkSize(List<JsonNode> inputs) {
    int largest = 1;
    for (JsonNode input : inputs) {
      largest = Math.max(largest, Json.write(input).length());
    }
    return Math.max(1, Math.min(CHUNK, INPUT_CHUNK_BYTES / largest));
  }

  /**
   * The most outcomes of its chunk a Standard child lets pass without asking for a tick (see {@link
   * #askEvery}).
   */
  static final int MAX_ASK_EVERY = 10;

  /**
   * How many outcomes of its chunk pass between a Standard child's asks for a tick, in a run whose
   * MaxConcurrency holds children back: {@code limit / 100} within 1..{@link #MAX_ASK_EVERY}. A
   * run of 1,000 at a time ticks about once per 10 ends and keeps at least ~900 running; a run of
   * fewer than 200 at a time asks at every end.
   */
  static int askEvery(int limit) {
    return Math.max(1, Math.min(MAX_ASK_EVERY, limit / 100));
  }

  /** How long a tick waits before looking again when the children's asks may not come (see {@link #mayStall}). */
  static final Duration RECHECK = Duration.ofSeconds(1);

  /**
   * A tick: see the class comment. It reads the head (clearing the tick flag in the same request) and
   * the counts of the chunks above those known complete, not the outcomes: those are read once, when
   * the counts say the run is over (every child ended, or failures past the tolerance).
   */
  void tick(String mapRunArn) {
    MapRunRecord run = runs.startTick(mapRunArn).orElse(null);
    if (run == null) {
      return;
    }
    if (!run.running()) {
      answerParent(run, () -> runs.outcomes(mapRunArn));
      return;
    }
    Counts counts = counts(run);
    boolean exceeded = MapRunRequest.exceeds(counts.failed(), run.total(), run.toleratedFailureCount(),
        run.toleratedFailurePercentage());
    if (exceeded || counts.ended() >= run.total()) {
      Map<Integer, ChildOutcome> outcomes = runs.outcomes(mapRunArn);
      if (end(run, outcomes)) {
        return;
      }
    }
    int limit = limit(run);
    int running = run.cursor() - counts.ended();
    int to = Math.min(run.total(), run.cursor() + Math.max(0, limit - running));
    if (run.express()) {
      to = Math.min(to, run.cursor() + EXPRESS_SLICE);
    }
    MapRunRecord.Progress seen = run.progress();
    int every = askEvery(limit);
    MapRunRecord.Progress learned = new MapRunRecord.Progress(counts.completeChunks(), counts.failedInComplete(), every,
        every == seen.askEvery() ? seen.askSince() : run.cursor());
    if (to <= run.cursor()) {
      if (learned.completeChunks() > seen.completeChunks()) {
        runs.advance(mapRunArn, seen, seen.completeTo(learned.completeChunks(), learned.failedInComplete()));
      }
      recheckIfStalled(run, counts, run.cursor(), seen);
      return;
    }
    if (run.express()) {
      // the check goes first: a call that dies between the claim and the slice's run leaves it the check's
      transitions.sendMapRun(new MapRunMessage(mapRunArn, run.cursor(), to), EXPRESS_CHECK);
    }
    if (!runs.claim(mapRunArn, run.cursor(), to, learned)) {
      return;
    }
    if (run.express()) {
      if (to < run.total()) {
        askForTick(mapRunArn); // the next slice may run in another call meanwhile
      }
      List<Integer> slice = new ArrayList<>();
      for (int i = run.cursor(); i < to; i++) {
        slice.add(i);
      }
      runExpress(run, slice);
      askForTick(mapRunArn);
    } else {
      startStandard(run, run.cursor(), to);
      recheckIfStalled(run, counts, to, learned);
    }
  }

  /**
   * Ends the run when its outcomes (all of them, read once) say so: failures past the tolerance, or
   * every child ended. False when they do not (the counts a tick read were older than a redrive).
   */
  private boolean end(MapRunRecord run, Map<Integer, ChildOutcome> outcomes) {
    String mapRunArn = run.mapRunArn();
    MapRunTally tally = tally(run, outcomes);
    if (tally.exceeded()) {
      if (runs.end(mapRunArn, "FAILED", clock.millis(), tally.error(), tally.cause())) {
        stopRunningChildren(run, outcomes, "The map run " + mapRunArn + " failed.");
      }
      runs.mapRun(mapRunArn).ifPresent(ended -> answerParent(ended, () -> outcomes));
      return true;
    }
    if (!tally.complete()) {
      return false;
    }
    JsonNode result;
    try {
      result = result(run, tally, outcomes);
    } catch (StatesException e) {
      runs.end(mapRunArn, "FAILED", clock.millis(), e.error(), e.cause());
      runs.mapRun(mapRunArn).ifPresent(ended -> answerParent(ended, () -> outcomes));
      return true;
    }
    if (runs.end(mapRunArn, "SUCCEEDED", clock.millis(), null, null)) {
      answer(run, new Signal.TaskSucceeded(run.taskKey(), result));
    }
    return true;
  }

  private static int limit(MapRunRecord run) {
    return run.maxConcurrency() <= 0 ? MAX_CONCURRENCY : Math.min(run.maxConcurrency(), MAX_CONCURRENCY);
  }

  /**
   * What a tick knows of the children's ends without reading their outcomes: the chunks known
   * complete (from the head), and the counts of the chunks above them up to the cursor.
   *
   * @param completeChunks the chunks from 0 that hold every outcome (the head's and those this tick saw full)
   */
  record Counts(Map<Integer, MapRunStore.ChunkCount> chunks, int ended, long failed, int completeChunks,
      long failedInComplete) {
    int ended(int chunk) {
      MapRunStore.ChunkCount c = chunks.get(chunk);
      return c == null ? 0 : c.ended();
    }
  }

  private Counts counts(MapRunRecord run) {
    int from = run.progress().completeChunks();
    int ended = Math.min(run.total(), from * CHUNK);
    long failed = run.progress().failedInComplete();
    Map<Integer, MapRunStore.ChunkCount> chunks = run.cursor() > from * CHUNK
        ? runs.counts(run.mapRunArn(), from, (run.cursor() - 1) / CHUNK) : Map.of();
    int complete = from;
    long failedInComplete = failed;
    for (int chunk = from; chunk * CHUNK < run.cursor(); chunk++) {
      MapRunStore.ChunkCount c = chunks.getOrDefault(chunk, new MapRunStore.ChunkCount(0, 0));
      ended += c.ended();
      failed += c.failed();
      if (complete == chunk && c.ended() >= Math.min(CHUNK, run.total() - chunk * CHUNK)) {
        complete = chunk + 1;
        failedInComplete += c.failed();
      }
    }
    return new Counts(chunks, ended, failed, complete, failedInComplete);
  }

  /**
   * Asks for a tick in {@link #RECHECK} when the Standard children still running (below {@code
   * cursor}) might all end without one asking ({@link #mayStall}), so the run cannot wait forever.
   */
  private void recheckIfStalled(MapRunRecord run, Counts counts, int cursor, MapRunRecord.Progress asking) {
    if (!run.express() && cursor < run.total() && mayStall(counts, cursor, asking) && runs.requestTick(run.mapRunArn())) {
      transitions.sendMapRun(new MapRunMessage(run.mapRunArn()), RECHECK);
    }
  }

  /**
   * Whether every child still running may end without asking for a tick while children remain to
   * be started. A chunk lets at most {@code askEvery - 1} of its outcomes pass without an ask (its
   * last one always asks), so when more children run than their chunks let pass, one of them asks
   * and the tick it asks for looks again. Children started before {@code askSince} may let up to
   * {@link #MAX_ASK_EVERY} - 1 pass (UpdateMapRun changed the run's MaxConcurrency since).
   */
  static boolean mayStall(Counts counts, int cursor, MapRunRecord.Progress asking) {
    long running = 0;
    long quiet = 0;
    for (int chunk = counts.completeChunks(); chunk * CHUNK < cursor; chunk++) {
      int inChunk = Math.min(CHUNK, cursor - chunk * CHUNK) - counts.ended(chunk);
      int every = asking.askEvery() <= 0 || chunk * CHUNK < asking.askSince() ? MAX_ASK_EVERY : asking.askEvery();
      running += Math.max(0, inChunk);
      quiet += Math.max(0, Math.min(inChunk, every - 1));
    }
    return running > 0 && running <= quiet;
  }

  private static MapRunTally tally(MapRunRecord run, Map<Integer, ChildOutcome> outcomes) {
    MapRunTally tally = new MapRunTally(run.total(), run.toleratedFailureCount(), run.toleratedFailurePercentage(),
        run.toleranceDeclared());
    outcomes.forEach((index, o) -> {
      if (o.succeeded()) {
        tally.succeeded(index, o.outputText() == null ? Json.NODES.nullNode() : Json.parse(o.outputText()));
      } else {
        tally.failed(index, o.error(), o.cause());
      }
    });
    return tally;
  }

  private void askForTick(String mapRunArn) {
    if (runs.requestTick(mapRunArn)) {
      transitions.sendMapRun(new MapRunMessage(mapRunArn));
    }
  }

  /**
   * Sends the parent the run's answer (again, after the first time: the parent drops repeats); the
   * outcomes are read only for a run that succeeded.
   */
  private void answerParent(MapRunRecord run, java.util.function.Supplier<Map<Integer, ChildOutcome>> read) {
    if ("FAILED".equals(run.status())) {
      answer(run, new Signal.TaskFailed(run.taskKey(), run.error(), run.cause()));
    } else if ("SUCCEEDED".equals(run.status())) {
      Map<Integer, ChildOutcome> outcomes = read.get();
      MapRunTally tally = tally(run, outcomes);
      try {
        JsonNode result = result(run, tally, outcomes);
        answer(run, new Signal.TaskSucceeded(run.taskKey(), result));
      } catch (StatesException e) {
        answer(run, new Signal.TaskFailed(run.taskKey(), e.error(), e.cause()));
      }
    }
  }

  private JsonNode result(MapRunRecord run, MapRunTally tally, Map<Integer, ChildOutcome> outcomes) {
    return items.result(run.mapRunArn(), run.resultWriter() == null ? null : Json.parse(run.resultWriter()), tally,
        () -> childResults(run, outcomes));
  }

  /** What a ResultWriter writes of each child: from its outcome and its input (read back from the chunks). */
  private List<ChildResult> childResults(MapRunRecord run, Map<Integer, ChildOutcome> outcomes) {
    List<ChildResult> out = new ArrayList<>();
    String base = run.express()
        ? run.childStateMachineArn().replace(":stateMachine:", ":express:") + ":"
        : run.childStateMachineArn().replace(":stateMachine:", ":execution:") + ":";
    for (int chunk = 0; chunk * run.chunkSize() < run.total(); chunk++) {
      JsonNode inputs = Json.parse(runs.inputs(run.mapRunArn(), chunk).orElseThrow());
      for (int j = 0; j < inputs.size(); j++) {
        int i = chunk * run.chunkSize() + j;
        ChildOutcome o = outcomes.get(i);
        String name = childName(run, i);
        String arn = base + name + (run.express() ? ":" + Ids.uuidFrom(run.mapRunArn() + "#express#" + i) : "");
        out.add(o == null
            ? new ChildResult(arn, name, run.childStateMachineArn(), "PENDING", inputs.get(j), null, null, null, null, null, 0,
                "NOT_REDRIVABLE", null)
            : new ChildResult(arn, name, run.childStateMachineArn(), o.status(), inputs.get(j),
                o.outputText() == null ? null : Json.parse(o.outputText()), o.error(), o.cause(),
                java.time.Instant.ofEpochMilli(o.startMillis()), java.time.Instant.ofEpochMilli(o.stopMillis()), 0,
                "NOT_REDRIVABLE", null));
      }
    }
    return out;
  }

  private void answer(MapRunRecord run, Signal signal) {
    transitions.send(new TransitionMessage(run.executionArn(), SignalId.childAnswer(run.taskKey()).text(), signal, null),
        Duration.ZERO);
  }

  // ---------------------------------------------------------------- Standard children

  private StateMachineRecord childMachine(MapRunRecord run) {
    String name = run.childStateMachineArn().substring(run.childStateMachineArn().indexOf(":stateMachine:") + 14);
    return new StateMachineRecord(run.childStateMachineArn(), name, run.executionType(), run.definition(), run.roleArn(),
        run.startMillis());
  }

  private void startStandard(MapRunRecord run, int from, int to) {
    StateMachineRecord machine = childMachine(run);
    int limit = limit(run);
    boolean unlimited = limit >= run.total();
    String asking = unlimited ? "/" + run.total() : "/" + run.total() + "/" + askEvery(limit);
    JsonNode chunkInputs = null;
    int loaded = -1;
    for (int i = from; i < to; i++) {
      int chunk = i / run.chunkSize();
      if (chunk != loaded) {
        chunkInputs = Json.parse(runs.inputs(run.mapRunArn(), chunk).orElseThrow());
        loaded = chunk;
      }
      String name = childName(run, i);
      String arn = machine.stateMachineArn().replace(":stateMachine:", ":execution:") + ":" + name;
      ExecutionRecord child = ExecutionRecord.startedBy(arn, machine, name, Json.write(chunkInputs.get(i % run.chunkSize())),
          clock.millis(), Ids.seed(), run.mapRunArn(), i + asking, MAP_RUN_PATTERN);
      // the start of a child created just now carries its record: its first step reads nothing
      transitions.send(store.create(child) ? TransitionMessage.start(child) : TransitionMessage.start(arn), Duration.ZERO);
    }
  }

  /** As {@link MapRunRequest#childName}: derived from the run and the index. */
  static String childName(MapRunRecord run, int index) {
    return Ids.uuidFrom(run.mapRunArn() + "#" + index);
  }

  /**
   * A Standard child ended: its outcome goes to its chunk, and a tick is asked for when it may
   * change something. Its parent key says how it asks: {@code index/total/every} in a run whose
   * MaxConcurrency holds children back (at every {@code every}-th outcome of its chunk, see {@link
   * #askEvery}), {@code index/total} in a run whose children all started at once (never for that
   * alone), {@code index} (a child started before keys said more) at every end. Any of them asks for
   * a failure (the tolerance), for the last outcome of its chunk (the run may be complete) and for a
   * redelivered end (the count is unknown then).
   */
  void childEnded(ExecutionRecord child, Effect.CompleteExecution done) {
    String[] key = child.parentTaskKey().split("/");
    int index = Integer.parseInt(key[0]);
    ChildOutcome outcome = new ChildOutcome(done.status().name(),
        done.status() == ExecutionStatus.SUCCEEDED ? Json.write(done.output()) : null, done.error(), done.cause(),
        child.startMillis(), clock.millis());
    int recorded = runs.record(child.parentArn(), index / CHUNK, Map.of(index, outcome));
    if (key.length == 1 || recorded < 0 || !outcome.succeeded()) {
      askForTick(child.parentArn());
      return;
    }
    int inChunk = Math.min(CHUNK, Integer.parseInt(key[1]) - index / CHUNK * CHUNK);
    if (recorded >= inChunk || key.length > 2 && recorded % Integer.parseInt(key[2]) == 0) {
      askForTick(child.parentArn());
    }
  }

  private void stopRunningChildren(MapRunRecord run, Map<Integer, ChildOutcome> outcomes, String cause) {
    if (run.express()) {
      return; // an Express child runs inside one call and cannot be stopped (as on AWS)
    }
    String base = run.childStateMachineArn().replace(":stateMachine:", ":execution:") + ":";
    for (int i = 0; i < run.cursor(); i++) {
      if (!outcomes.containsKey(i)) {
        String arn = base + childName(run, i);
        store.execution(arn).filter(ExecutionRecord::running).ifPresent(c -> commands.stopExecution(arn, null, cause));
      }
    }
  }

  /** The parent stopped or abandoned the Map: the run is ABORTED and its running children stopped. */
  void abort(String mapRunArn) {
    runs.mapRun(mapRunArn).ifPresent(run -> {
      if (runs.end(mapRunArn, "ABORTED", clock.millis(), null, null)) {
        stopRunningChildren(run, runs.outcomes(mapRunArn), "The map run " + mapRunArn + " was aborted.");
      }
    });
  }

  // ---------------------------------------------------------------- Express children

  /** Runs these Express children (indexes in order) at the same time, then records their outcomes, one write per chunk. */
  private void runExpress(MapRunRecord run, List<Integer> indexes) {
    StateMachine processor = StateMachineParser.parse(Json.parse(run.definition()));
    Map<Integer, JsonNode> inputs = new HashMap<>();
    Map<Integer, JsonNode> chunks = new HashMap<>();
    for (int i : indexes) {
      JsonNode chunkInputs = chunks.computeIfAbsent(i / run.chunkSize(),
          chunk -> Json.parse(runs.inputs(run.mapRunArn(), chunk).orElseThrow()));
      inputs.put(i, chunkInputs.get(i % run.chunkSize()));
    }
    List<Future<ChildOutcome>> futures = new ArrayList<>();
    for (int index : indexes) {
      futures.add(pool().submit(() -> runExpressChild(run, processor, index, inputs.get(index))));
    }
    Map<Integer, Map<Integer, ChildOutcome>> byChunk = new HashMap<>();
    for (int k = 0; k < indexes.size(); k++) {
      int i = indexes.get(k);
      ChildOutcome outcome;
      try {
        outcome = futures.get(k).get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      } catch (java.util.concurrent.ExecutionException e) {
        outcome = new ChildOutcome("FAILED", null, ErrorNames.RUNTIME, String.valueOf(e.getCause()), clock.millis(),
            clock.millis());
      }
      byChunk.computeIfAbsent(i / CHUNK, c -> new HashMap<>()).put(i, outcome);
    }
    byChunk.forEach((chunk, outcomes) -> runs.record(run.mapRunArn(), chunk, outcomes));
  }

  private ExecutorService pool() {
    if (expressPool == null) {
      synchronized (this) {
        if (expressPool == null) {
          expressPool = Executors.newFixedThreadPool(EXPRESS_THREADS, r -> {
            Thread t = new Thread(r, "nestflow-express-child");
            t.setDaemon(true);
            return t;
          });
        }
      }
    }
    return expressPool;
  }

  /**
   * Runs one Express child to its end in this call: its tasks through the task invoker, its Wait
   * states and retry delays without waiting (the child keeps no history a delay would show in).
   */
  private ChildOutcome runExpressChild(MapRunRecord run, StateMachine processor, int index, JsonNode input) {
    long start = clock.millis();
    String name = childName(run, index);
    String arn = run.childStateMachineArn().replace(":stateMachine:", ":express:") + ":" + name + ":"
        + Ids.uuidFrom(run.mapRunArn() + "#express#" + index);
    String smName = run.childStateMachineArn().substring(run.childStateMachineArn().indexOf(":stateMachine:") + 14);
    ExecutionIdentity identity = new ExecutionIdentity(arn, name, run.childStateMachineArn(), smName, run.roleArn(),
        clock.instant());
    TaskHandler handler = task -> {
      TaskOutcome outcome = tasks.invoke(new TaskRequest(arn, task.key(), task.stateName(), task.resource(), task.input(), task.token()));
      if (outcome instanceof TaskOutcome.Succeeded s) {
        return s.output();
      }
      if (outcome instanceof TaskOutcome.Failed f) {
        throw new StatesException(f.error(), f.cause());
      }
      throw new StatesException(ErrorNames.RUNTIME, "An Express child of a map run cannot wait for a callback.");
    };
    ExecutionResult result = new VirtualTimeRunner(handler, null, items.inProcess())
        .run(processor, identity, input, Json.write(input), Environment.of(new Random(name.hashCode())));
    String status = "RUNNING".equals(result.status()) ? "FAILED" : result.status();
    return new ChildOutcome(status, result.output() == null ? null : Json.write(result.output()), result.error(),
        result.cause(), start, clock.millis());
  }
}
