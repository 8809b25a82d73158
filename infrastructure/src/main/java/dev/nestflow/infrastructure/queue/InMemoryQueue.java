package dev.nestflow.infrastructure.queue;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The embedded {@link MessageQueue} with the SQS standard-queue contract, driven by a {@link Clock}:
 * a sent message becomes visible when its delay has passed; a received message is invisible for
 * its visibility timeout and visible again afterwards unless deleted; each receipt gets a new
 * receipt handle and increments the receive count.
 *
 * <p>Like SQS, a receipt handle acts only while it is the message's latest one: deleting with, or
 * changing the visibility through, a handle from an earlier receipt (or of a deleted message)
 * succeeds and does nothing. Changing the visibility of a message that is no longer in flight
 * (its timeout ended) does nothing either (SQS answers MessageNotInflight). Unlike SQS, delivery order is deterministic: messages are handed out
 * in the order they became visible, then in the order they were sent.
 *
 * <p>Message groups as in an SQS FIFO queue: while a message of a group is in flight (received,
 * its visibility timeout not over, not deleted), no other message of that group is handed out, so
 * one consumer at a time works on a group; a group's messages come out in the delivery order
 * above. Unlike FIFO, a grouped message may carry a delay (the runtime sends delayed messages
 * without a group here, so a long hidden timer holds back nothing).
 */
public final class InMemoryQueue implements MessageQueue {
  /** The longest visibility timeout SQS accepts. */
  public static final Duration MAX_VISIBILITY = Duration.ofHours(12);

  private final Clock clock;
  private final Object lock = new Object();
  private final Map<String, Entry> byId = new HashMap<>();
  private final Map<String, Entry> byHandle = new HashMap<>();
  /** The messages of each group, in the order they were sent. */
  private final Map<String, java.util.Set<Entry>> groups = new HashMap<>();
  /** Every message in delivery order: when it becomes visible, then when it was sent. */
  private final java.util.TreeSet<Entry> byVisibility =
      new java.util.TreeSet<>(Comparator.<Entry>comparingLong(e -> e.visibleAt).thenComparingLong(e -> e.order));
  private long sent;

  public InMemoryQueue(Clock clock) {
    this.clock = clock;
  }

  /** When the next message becomes visible (now, if one is), or empty when the queue is empty. */
  public java.util.Optional<java.time.Instant> nextVisibleAt() {
    synchronized (lock) {
      return byVisibility.isEmpty()
          ? java.util.Optional.empty()
          : java.util.Optional.of(java.time.Instant.ofEpochMilli(byVisibility.first().visibleAt));
    }
  }

  private static final class Entry {
    final String id;
    final String body;
    final String group;
    final long order;
    long visibleAt;
    int receiveCount;
    String handle;

    Entry(String id, String body, String group, long order, long visibleAt) {
      this.id = id;
      this.body = body;
      this.group = group;
      this.order = order;
      this.visibleAt = visibleAt;
    }
  }

  @Override
  public void send(String body, Duration delay) {
    send(body, delay, null);
  }

  @Override
  public void send(String body, Duration delay, String group) {
    if (body == null) {
      throw new IllegalArgumentException("a message needs a body");
    }
    checkRange("delay", delay, MAX_DELAY);
    synchronized (lock) {
      String id = UUID.randomUUID().toString();
      Entry e = new Entry(id, body, group, sent++, now() + delay.toMillis());
      byId.put(id, e);
      byVisibility.add(e);
      if (group != null) {
        groups.computeIfAbsent(group, g -> new java.util.LinkedHashSet<>()).add(e);
      }
    }
  }

  @Override
  public List<QueueMessage> receive(int max, Duration visibility) {
    if (max < 1) {
      throw new IllegalArgumentException("max must be at least 1, not " + max);
    }
    checkRange("visibility", visibility, MAX_VISIBILITY);
    synchronized (lock) {
      long now = now();
      List<Entry> ready = new ArrayList<>();
      Map<String, Boolean> held = new HashMap<>();
      for (Entry e : byVisibility) {
        if (e.visibleAt > now || ready.size() == max) {
          break;
        }
        if (e.group == null || !held.computeIfAbsent(e.group, g -> inFlight(g, now))) {
          ready.add(e);
        }
      }
      List<QueueMessage> out = new ArrayList<>();
      for (Entry e : ready) {
        if (e.handle != null) {
          byHandle.remove(e.handle);
        }
        e.receiveCount++;
        e.handle = e.id + ":" + e.receiveCount + ":" + UUID.randomUUID();
        setVisibleAt(e, now + visibility.toMillis());
        byHandle.put(e.handle, e);
        out.add(new QueueMessage(e.id, e.handle, e.body, e.receiveCount, e.group));
      }
      return out;
    }
  }

  @Override
  public void delete(String receiptHandle) {
    synchronized (lock) {
      Entry e = byHandle.remove(receiptHandle);
      if (e != null) {
        byId.remove(e.id);
        byVisibility.remove(e);
        if (e.group != null) {
          java.util.Set<Entry> members = groups.get(e.group);
          members.remove(e);
          if (members.isEmpty()) {
            groups.remove(e.group);
          }
        }
      }
    }
  }

  @Override
  public void changeVisibility(String receiptHandle, Duration visibility) {
    checkRange("visibility", visibility, MAX_VISIBILITY);
    synchronized (lock) {
      Entry e = byHandle.get(receiptHandle);
      long now = now();
      if (e != null && e.visibleAt > now) {
        setVisibleAt(e, now + visibility.toMillis());
      }
    }
  }

  /** Messages in the queue, visible or not (SQS: the sum of the approximate counts). */
  public int size() {
    synchronized (lock) {
      return byId.size();
    }
  }

  /** Whether a message of the group has been received and is still invisible (in flight). */
  private boolean inFlight(String group, long now) {
    for (Entry member : groups.getOrDefault(group, java.util.Set.of())) {
      if (member.handle != null && member.visibleAt > now) {
        return true;
      }
    }
    return false;
  }

  private long now() {
    return clock.millis();
  }

  /** Moves a message in the delivery order (the ordered set must not see its key change in place). */
  private void setVisibleAt(Entry e, long visibleAt) {
    byVisibility.remove(e);
    e.visibleAt = visibleAt;
    byVisibility.add(e);
  }

  private static void checkRange(String what, Duration value, Duration max) {
    if (value == null || value.isNegative() || value.compareTo(max) > 0) {
      throw new IllegalArgumentException(what + " must be between 0 and " + max + ", not " + value);
    }
  }
}
