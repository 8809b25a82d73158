package dev.nestflow.core.history;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;

/**
 * The ordered, append-only event list of one execution; ids are dense and 1-based.
 *
 * <p>Events are kept in fixed-size chunks that are never moved once allocated, so a
 * {@link #snapshot} (the events so far) costs nothing to take and stays valid, unchanged, while
 * the history grows: a runtime that looks at an execution's history after every step does not
 * copy the whole history each time.
 */
public final class History {
  private static final int CHUNK_BITS = 10;
  private static final int CHUNK = 1 << CHUNK_BITS;

  private final boolean recording;
  private ObjectNode[][] chunks = new ObjectNode[4][];
  /** Events kept; written after the event itself, so a reader that sees a size sees its events. */
  private volatile int size;
  private long lastId;

  private History(boolean recording) {
    this.recording = recording;
  }

  /** A history that keeps every event (an execution's own). */
  public static History recording() {
    return new History(true);
  }

  /** A history that numbers events but keeps none (the item processor of a distributed Map). */
  public static History discarding() {
    return new History(false);
  }

  /**
   * A history that goes on after event {@code lastId} of an earlier one: the next event is numbered
   * {@code lastId + 1}, and only events from there on are kept (an execution restored from a
   * snapshot; its earlier events are derived by replaying its whole log).
   */
  public static History resumed(long lastId, boolean recording) {
    History h = new History(recording);
    h.lastId = lastId;
    return h;
  }

  /** Whether events are kept ({@link #recording}) or only numbered ({@link #discarding}). */
  public boolean isRecording() {
    return recording;
  }

  /** Appends an event and returns its id. */
  public long append(long previousEventId, Instant at, String type, String detailsKey, ObjectNode details) {
    long id = ++lastId;
    if (recording) {
      add(HistoryEvent.create(id, previousEventId, at, type, detailsKey, details));
    }
    return id;
  }

  private void add(ObjectNode event) {
    int n = size;
    int chunk = n >>> CHUNK_BITS;
    if (chunk == chunks.length) {
      chunks = Arrays.copyOf(chunks, chunks.length * 2);
    }
    if (chunks[chunk] == null) {
      chunks[chunk] = new ObjectNode[CHUNK];
    }
    chunks[chunk][n & (CHUNK - 1)] = event;
    size = n + 1;
  }

  public long lastId() {
    return lastId;
  }

  /** Number of events kept. */
  public int size() {
    return size;
  }

  /** The events so far, unmodifiable; later events do not appear in it. */
  public List<ObjectNode> events() {
    return snapshot();
  }

  /** The events so far as an unmodifiable list that later appends leave unchanged (no copy is made). */
  public List<ObjectNode> snapshot() {
    int n = size; // read first: it makes the chunks written before it visible
    return new Snapshot(chunks, n);
  }

  private static final class Snapshot extends AbstractList<ObjectNode> implements RandomAccess {
    private final ObjectNode[][] chunks;
    private final int size;

    Snapshot(ObjectNode[][] chunks, int size) {
      this.chunks = chunks;
      this.size = size;
    }

    @Override
    public ObjectNode get(int index) {
      if (index < 0 || index >= size) {
        throw new IndexOutOfBoundsException("index " + index + ", size " + size);
      }
      return chunks[index >>> CHUNK_BITS][index & (CHUNK - 1)];
    }

    @Override
    public int size() {
      return size;
    }
  }
}
