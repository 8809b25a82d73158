package dev.nestflow.core.history;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The ordered, append-only event list of one execution; ids are dense and 1-based. */
public final class History {
  private final List<ObjectNode> events = new ArrayList<>();
  private final boolean recording;

  public History(boolean recording) {
    this.recording = recording;
  }

  /** A history that numbers events but keeps none (the item processor of a distributed Map). */
  public static History discarding() {
    return new History(false);
  }

  private long lastId;

  /** Appends an event and returns its id. */
  public long append(long previousEventId, Instant at, String type, String detailsKey, ObjectNode details) {
    long id = ++lastId;
    if (recording) {
      events.add(HistoryEvent.create(id, previousEventId, at, type, detailsKey, details));
    }
    return id;
  }

  public long lastId() {
    return lastId;
  }

  public List<ObjectNode> events() {
    return Collections.unmodifiableList(events);
  }
}
