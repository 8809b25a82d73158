package dev.nestflow.infrastructure.tasks;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the task invocations one handler call starts at the same time, at most {@code limit} at once,
 * the way Step Functions runs the iterations of a Map or the branches of a Parallel: a step that
 * starts 40 one-second Lambda tasks takes about a second, not 40. The interpreter already bounds
 * how many tasks a step starts (a Map's MaxConcurrency); the limit here bounds one call's threads
 * and connections, whatever the definition says.
 *
 * <p>Each handler call takes a {@link Batch}: it {@linkplain Batch#start starts} invocations and
 * {@linkplain Batch#next takes} them back in the order they finish, so the caller can apply an
 * answer (and start the tasks it leads to) while the others still run. {@link #direct()} runs each
 * invocation on the caller's thread when it is started: the same results in a fixed order, for the
 * fault-injection harness and deterministic tests.
 */
public final class InvocationPool {
  /** Invocations one handler call runs at once by default. */
  public static final int DEFAULT_LIMIT = 64;

  private static final AtomicInteger THREADS = new AtomicInteger();

  private final int limit;
  private final ExecutorService threads;

  private InvocationPool(int limit, ExecutorService threads) {
    this.limit = limit;
    this.threads = threads;
  }

  /** Up to {@code limit} invocations at once per batch, on daemon threads made as needed and reused. */
  public static InvocationPool threads(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, not " + limit);
    }
    return new InvocationPool(limit, Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "nestflow-invoke-" + THREADS.incrementAndGet());
      t.setDaemon(true);
      return t;
    }));
  }

  /** Every invocation on the caller's thread, when it is started (one at a time, in order). */
  public static InvocationPool direct() {
    return new InvocationPool(1, null);
  }

  /** How many invocations one batch runs at once. */
  public int limit() {
    return limit;
  }

  public boolean concurrent() {
    return threads != null;
  }

  public <K> Batch<K> batch(TaskInvoker invoker) {
    return new Batch<>(invoker);
  }

  /**
   * One finished invocation: its key and outcome, or what it threw (an invoker that throws, rather
   * than answering a failed task, means the call itself broke: the caller decides).
   */
  public record Done<K>(K key, TaskOutcome outcome, RuntimeException thrown) {}

  /** The invocations of one handler call. Used by one thread (the handler's). */
  public final class Batch<K> {
    private final TaskInvoker invoker;
    private final BlockingQueue<Done<K>> finished = new LinkedBlockingQueue<>();
    private final Deque<Done<K>> taken = new ArrayDeque<>();
    private int running;

    private Batch(TaskInvoker invoker) {
      this.invoker = invoker;
    }

    /**
     * Starts one invocation. When {@code limit} are running it first waits for one of them to
     * finish (kept for {@link #next}).
     */
    public void start(K key, TaskRequest request) {
      if (threads == null) {
        taken.add(call(key, request));
        return;
      }
      while (running >= limit) {
        taken.add(await());
      }
      running++;
      threads.execute(() -> finished.add(call(key, request)));
    }

    private Done<K> call(K key, TaskRequest request) {
      try {
        return new Done<>(key, invoker.invoke(request), null);
      } catch (RuntimeException e) {
        return new Done<>(key, null, e);
      }
    }

    private Done<K> await() {
      try {
        Done<K> done = finished.take();
        running--;
        return done;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for a task invocation", e);
      }
    }

    /** Whether an invocation is running or finished and not taken yet. */
    public boolean pending() {
      return running > 0 || !taken.isEmpty() || !finished.isEmpty();
    }

    /** Invocations still running. */
    public int running() {
      return running;
    }

    /** The next finished invocation, waiting for one if none has finished; null when none is pending. */
    public Done<K> next() {
      if (!taken.isEmpty()) {
        return taken.poll();
      }
      return running > 0 ? await() : null;
    }

    /** A finished invocation if one is ready now, else null (never waits). */
    public Done<K> poll() {
      if (!taken.isEmpty()) {
        return taken.poll();
      }
      Done<K> done = finished.poll();
      if (done != null) {
        running--;
      }
      return done;
    }
  }
}
