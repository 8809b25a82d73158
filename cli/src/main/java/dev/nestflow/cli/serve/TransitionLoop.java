package dev.nestflow.cli.serve;

import dev.nestflow.infrastructure.queue.MessageQueue;
import dev.nestflow.infrastructure.queue.QueueMessage;
import dev.nestflow.infrastructure.runtime.ExecutionRuntime;
import dev.nestflow.infrastructure.runtime.StateAdvance;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * The state-advance Lambda's job on a real clock: receives transition messages, applies them and
 * deletes them; a step that lost a race is made visible again at once, a failing one after a
 * back-off, and a message that failed {@link #MAX_RECEIVES} times is moved to the dead-letter queue
 * (as SQS's redrive policy does on AWS), recorded on its execution with the reason, and logged. On
 * a queue grouped by execution (FIFO), a message after a failed one of its group in the same
 * receive is made visible again unapplied, so it never overtakes it. The loop of the timers queue
 * ({@link #timers}) forwards due messages instead.
 */
final class TransitionLoop implements Runnable {
  /**
   * How long a received message stays hidden: the transitions queue's 360 s (template.yaml), not
   * less. A call that applies many answers and due timers in line may run for a while, and on a FIFO
   * queue a message that becomes visible again while its call still runs hands the execution's
   * group to a second writer. A failed message is made visible again sooner, explicitly.
   */
  static final Duration VISIBILITY = Duration.ofSeconds(360);

  /**
   * Extends the hiding of the messages a call is still working on, every third of the visibility
   * timeout (as a Lambda's event source mapping keeps a batch hidden while its function runs): a
   * batch whose long inline tasks and due timers outlast the timeout is never handed to a second
   * consumer, which would run its tasks again. One daemon thread for every loop of the process.
   */
  private static final java.util.concurrent.ScheduledExecutorService KEEPER =
      java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "nestflow-visibility-keeper");
        t.setDaemon(true);
        return t;
      });
  static final int MAX_RECEIVES = 5;
  private static final long IDLE_MILLIS = 5;

  private final ExecutionRuntime runtime;
  private final MessageQueue queue;
  private final Consumer<String> log;
  /** Where a message goes after its last failure (sealed again, so it verifies when moved back). */
  private final MessageQueue deadLetters;
  private final boolean forwards;
  private final Duration visibility;
  private volatile boolean stopped;

  TransitionLoop(ExecutionRuntime runtime, MessageQueue queue, MessageQueue deadLetters, Consumer<String> log) {
    this(runtime, queue, deadLetters, log, false, VISIBILITY);
  }

  /** A loop whose messages stay hidden for {@code visibility} at a time (tests shorten it). */
  TransitionLoop(ExecutionRuntime runtime, MessageQueue queue, MessageQueue deadLetters, Consumer<String> log,
      Duration visibility) {
    this(runtime, queue, deadLetters, log, false, visibility);
  }

  private TransitionLoop(ExecutionRuntime runtime, MessageQueue queue, MessageQueue deadLetters, Consumer<String> log,
      boolean forwards, Duration visibility) {
    this.runtime = runtime;
    this.queue = queue;
    this.deadLetters = deadLetters;
    this.log = log;
    this.forwards = forwards;
    this.visibility = visibility;
  }

  /** The consumer of the timers queue next to a FIFO transitions queue: forwards each message when due. */
  static TransitionLoop timers(ExecutionRuntime runtime, MessageQueue timers, MessageQueue deadLetters, Consumer<String> log) {
    return new TransitionLoop(runtime, timers, deadLetters, log, true, VISIBILITY);
  }

  void stop() {
    stopped = true;
  }

  @Override
  public void run() {
    while (!stopped && !Thread.currentThread().isInterrupted()) {
      try {
        List<QueueMessage> batch = queue.receive(10, visibility);
        if (batch.isEmpty()) {
          Thread.sleep(IDLE_MILLIS);
          continue;
        }
        StateAdvance.Receive receive = runtime.stateAdvance().receive();
        java.util.Set<String> failedGroups = new java.util.HashSet<>();
        java.util.Set<String> working = new java.util.HashSet<>();
        batch.forEach(m -> working.add(m.receiptHandle()));
        long every = Math.max(1, visibility.toMillis() / 3);
        var keeping = KEEPER.scheduleAtFixedRate(() -> keepHidden(working), every, every,
            java.util.concurrent.TimeUnit.MILLISECONDS);
        try {
          for (QueueMessage m : batch) {
            if (m.group() != null && failedGroups.contains(m.group())) {
              release(working, m.receiptHandle());
              queue.changeVisibility(m.receiptHandle(), Duration.ZERO);
            } else {
              boolean applied = apply(m, receive, working);
              if (!applied && m.group() != null) {
                failedGroups.add(m.group());
              }
            }
          }
        } finally {
          keeping.cancel(false);
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        if (stopped) {
          return; // the service closed its clients under a receive
        }
        log.accept("transition loop: " + e);
        sleepQuietly(1000);
      }
    }
  }

  /**
   * Hides again, for a whole visibility timeout, the messages of the batch still being worked on.
   * Holds {@code working}'s lock, so a message {@linkplain #release released} is never hidden again
   * after its delete or its own visibility change. (A timer that its step keeps hidden longer may be
   * shortened to one timeout if this runs in the instant between that hide and the release: it is
   * then received once more and hidden again.)
   */
  private void keepHidden(java.util.Set<String> working) {
    synchronized (working) {
      for (String receiptHandle : working) {
        try {
          queue.changeVisibility(receiptHandle, visibility);
        } catch (RuntimeException e) {
          // the queue unreachable for a moment: the next round tries again
        }
      }
    }
  }

  /** The message's work is over: the keeper leaves it alone from now on. */
  private static void release(java.util.Set<String> working, String receiptHandle) {
    synchronized (working) {
      working.remove(receiptHandle);
    }
  }

  /** Applies (or forwards) one message; false when it failed and stays in the queue. */
  private boolean apply(QueueMessage m, StateAdvance.Receive receive, java.util.Set<String> working) {
    try {
      boolean done;
      try {
        done = forwards
            ? runtime.stateAdvance().forward(m.body(), m.receiptHandle(), m.receiveCount())
            : receive.handle(m.body(), m.receiptHandle(), m.receiveCount(), null);
      } finally {
        release(working, m.receiptHandle());
      }
      if (done) {
        queue.delete(m.receiptHandle());
      }
      return true;
    } catch (StateAdvance.ConcurrentStep lost) {
      queue.changeVisibility(m.receiptHandle(), Duration.ZERO);
      return false;
    } catch (RuntimeException e) {
      if (m.receiveCount() >= MAX_RECEIVES) {
        log.accept("dead-lettering transition after " + m.receiveCount() + " failed attempts: " + m.body() + ": " + e);
        runtime.commands().recordDeadLetter(m.body(), m.receiveCount(), String.valueOf(e));
        deadLetters.send(m.body(), Duration.ZERO);
        queue.delete(m.receiptHandle());
      } else {
        log.accept("transition failed (attempt " + m.receiveCount() + ", retried): " + e);
        queue.changeVisibility(m.receiptHandle(), Duration.ofMillis(100L << m.receiveCount()));
      }
      return false;
    }
  }

  private static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
