package dev.nestflow.infrastructure.store;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where map runs live: a head per run ({@link MapRunRecord}), the children's inputs in chunks
 * written once when the run starts, and their outcomes in chunks that each child (or each batch of
 * children run together) adds to. No item is rewritten once per child of the whole run: a chunk
 * holds at most {@link MapRunRecord#chunkSize()} outcomes, and the head changes when a tick is
 * asked for and starts, when a tick starts children (or learns of more complete chunks), on
 * UpdateMapRun and at the end. Every write that can race is conditional.
 */
public interface MapRunStore {

  /** Creates the run's head unless it exists (false if it did). */
  boolean create(MapRunRecord run);

  Optional<MapRunRecord> mapRun(String mapRunArn);

  /** The runs an execution started, newest first (ListMapRuns). */
  List<MapRunRecord> mapRuns(String executionArn);

  /** Moves the cursor from {@code from} to {@code to} while the run is RUNNING there: true for one of any racing callers. */
  default boolean claim(String mapRunArn, int from, int to) {
    return claim(mapRunArn, from, to, null);
  }

  /**
   * As {@link #claim(String, int, int)}, writing the tick's {@code progress} with the cursor in the
   * same write (null: unchanged). A claim may lower the complete chunks another tick wrote meanwhile:
   * fewer chunks known complete only costs a later tick a longer read.
   */
  boolean claim(String mapRunArn, int from, int to, MapRunRecord.Progress progress);

  /**
   * Writes {@code next} while the run is RUNNING with the complete chunks of {@code seen} (a tick
   * that starts no children but learned of more complete chunks); false when another write came first.
   */
  boolean advance(String mapRunArn, MapRunRecord.Progress seen, MapRunRecord.Progress next);

  /** UpdateMapRun: new limits while the run is RUNNING; false when it is not. */
  boolean updateLimits(String mapRunArn, int maxConcurrency, long toleratedFailureCount, double toleratedFailurePercentage);

  /** Ends the run (status, stop time, error and cause) while it is RUNNING; false when it was not. */
  boolean end(String mapRunArn, String status, long stopMillis, String error, String cause);

  /** Stores the inputs (a JSON array text) of chunk {@code chunk}; writing the same chunk again changes nothing. */
  void putInputs(String mapRunArn, int chunk, String inputsJson);

  Optional<String> inputs(String mapRunArn, int chunk);

  /**
   * Adds outcomes (by child index) to chunk {@code chunk}; a child whose outcome is recorded keeps its
   * first one. Returns how many outcomes the chunk holds now, or -1 when one of these was recorded
   * before (a redelivery: the caller cannot tell what the chunk holds). The chunk counts its outcomes
   * and its failures as they are added (see {@link #counts}).
   */
  int record(String mapRunArn, int chunk, Map<Integer, ChildOutcome> outcomes);

  /** Every recorded outcome of the run, by child index: read when the run ends, not by every tick. */
  Map<Integer, ChildOutcome> outcomes(String mapRunArn);

  /** How many outcomes a chunk holds, and how many of them are failures. */
  record ChunkCount(int ended, int failed) {}

  /**
   * The counts of chunks {@code fromChunk..toChunk} (both included) that hold an outcome, by chunk,
   * without the outcomes themselves: what a tick reads.
   */
  Map<Integer, ChunkCount> counts(String mapRunArn, int fromChunk, int toChunk);

  /**
   * Asks for a tick: true when this call set the run's tick flag (the caller then sends the tick
   * message), false when a tick is already asked for. Completions that come while a tick is pending
   * cost one refused conditional write each and no message.
   */
  boolean requestTick(String mapRunArn);

  /**
   * A tick starts: clears the tick flag (the tick sees everything recorded before) and reads the head,
   * in one step; empty when the run does not exist.
   */
  Optional<MapRunRecord> startTick(String mapRunArn);

  /**
   * A redrive of the ended run: RUNNING again (no stop time, error or cause), answering the parent's
   * new {@code taskKey}, its redriveCount one more and its redrive date {@code atMillis}; false when
   * the run does not exist or is RUNNING.
   */
  boolean reopen(String mapRunArn, String taskKey, long atMillis);

  /**
   * Forgets the outcomes of these children of chunk {@code chunk}, all failures (a redrive runs them
   * again); changes nothing when they are forgotten already.
   */
  void forget(String mapRunArn, int chunk, java.util.Set<Integer> indexes);
}
