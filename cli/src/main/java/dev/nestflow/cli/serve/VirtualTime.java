package dev.nestflow.cli.serve;

import dev.nestflow.core.interpreter.Signal;
import dev.nestflow.infrastructure.queue.MessageQueue;
import dev.nestflow.infrastructure.queue.QueueMessage;
import dev.nestflow.infrastructure.runtime.TransitionMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code serve --time virtual}: time runs as the wall clock does, but whenever no transition is
 * visible or being applied, it jumps to the next Wait or retry timer, so Waits and retry delays
 * complete at once, as in {@code nestflow run}. Task timeouts and heartbeats are not jumped to: a
 * callback task still has its TimeoutSeconds (counted in the virtual time) for a client to answer.
 * Works over the in-memory queue, whose delays follow this clock.
 */
final class VirtualTime implements AutoCloseable {
  private static final long POLL_MILLIS = 5;

  private final AtomicLong skippedMillis = new AtomicLong();
  private final ConcurrentSkipListSet<Long> timers = new ConcurrentSkipListSet<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicLong activity = new AtomicLong();
  private final Clock clock = new Clock() {
    @Override
    public Instant instant() {
      return Instant.now().plusMillis(skippedMillis.get());
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  };
  private final Thread driver;
  private volatile boolean stopped;

  VirtualTime() {
    driver = new Thread(this::drive, "nestflow-virtual-time");
    driver.setDaemon(true);
    driver.start();
  }

  Clock clock() {
    return clock;
  }

  /** The transitions queue, watched: which timers are Waits and retries, and whether anything is in flight. */
  MessageQueue watch(MessageQueue queue) {
    return new MessageQueue() {
      @Override
      public void send(String body, Duration delay) {
        send(body, delay, null);
      }

      @Override
      public void send(String body, Duration delay, String group) {
        TransitionMessage m = TransitionMessage.fromJson(body);
        if (m.dueMillis() != null && m.signal() instanceof Signal.TimerFired t
            && (t.key().contains("#wait") || t.key().contains("#retry"))) {
          timers.add(m.dueMillis());
        }
        activity.incrementAndGet();
        queue.send(body, delay, group);
      }

      @Override
      public List<QueueMessage> receive(int max, Duration visibility) {
        List<QueueMessage> batch = queue.receive(max, visibility);
        if (!batch.isEmpty()) {
          inFlight.addAndGet(batch.size());
          activity.incrementAndGet();
        }
        return batch;
      }

      @Override
      public void delete(String receiptHandle) {
        queue.delete(receiptHandle);
        inFlight.decrementAndGet();
      }

      @Override
      public void changeVisibility(String receiptHandle, Duration visibility) {
        queue.changeVisibility(receiptHandle, visibility);
        inFlight.decrementAndGet();
      }
    };
  }

  /** Jumps to the next Wait or retry timer after two quiet polls in a row. */
  private void drive() {
    long seen = -1;
    int quiet = 0;
    while (!stopped) {
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        return;
      }
      long now = clock.millis();
      timers.headSet(now, true).clear();
      long current = activity.get();
      quiet = inFlight.get() <= 0 && current == seen ? quiet + 1 : 0;
      seen = current;
      Long next = timers.isEmpty() ? null : timers.first();
      if (quiet >= 2 && next != null) {
        skippedMillis.addAndGet(Math.max(0, next - now));
        quiet = 0;
      }
    }
  }

  @Override
  public void close() {
    stopped = true;
    driver.interrupt();
  }
}
