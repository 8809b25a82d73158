package dev.nestflow.infrastructure.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nestflow.core.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class InvocationPoolTest {
  private static TaskRequest request(int n) {
    return new TaskRequest("arn:exec", "task" + n, "S", "fn", Json.parse("{\"n\":" + n + "}"), null);
  }

  private static List<Integer> drain(InvocationPool.Batch<Integer> batch) {
    List<Integer> keys = new ArrayList<>();
    for (InvocationPool.Done<Integer> d = batch.next(); d != null; d = batch.next()) {
      keys.add(d.key());
    }
    return keys;
  }

  @Test
  void runsAsManyInvocationsAtOnceAsTheLimitAllowsAndNoMore() {
    AtomicInteger running = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    TaskInvoker slow = r -> {
      most.accumulateAndGet(running.incrementAndGet(), Math::max);
      sleep(50);
      running.decrementAndGet();
      return new TaskOutcome.Succeeded(r.input());
    };
    InvocationPool.Batch<Integer> batch = InvocationPool.threads(8).batch(slow);
    long start = System.nanoTime();
    for (int i = 0; i < 40; i++) {
      batch.start(i, request(i));
    }
    List<Integer> keys = drain(batch);
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    assertThat(keys).hasSize(40).doesNotHaveDuplicates();
    assertThat(most.get()).isEqualTo(8);
    assertThat(millis).as("5 rounds of 50 ms, not 40").isLessThan(40 * 50);
    assertThat(batch.pending()).isFalse();
  }

  @Test
  void finishedInvocationsComeBackInTheOrderTheyFinish() throws InterruptedException {
    CountDownLatch releaseFirst = new CountDownLatch(1);
    TaskInvoker invoker = r -> {
      if (r.taskKey().equals("task0")) {
        await(releaseFirst);
      }
      return new TaskOutcome.Succeeded(r.input());
    };
    InvocationPool.Batch<Integer> batch = InvocationPool.threads(4).batch(invoker);
    batch.start(0, request(0));
    batch.start(1, request(1));

    assertThat(batch.next().key()).isEqualTo(1);
    assertThat(batch.poll()).isNull();
    assertThat(batch.pending()).isTrue();
    releaseFirst.countDown();
    assertThat(batch.next().key()).isZero();
    assertThat(batch.next()).isNull();
  }

  @Test
  void directRunsEachInvocationOnTheCallersThreadWhenStarted() {
    Thread caller = Thread.currentThread();
    List<String> order = new ArrayList<>();
    TaskInvoker invoker = r -> {
      assertThat(Thread.currentThread()).isSameAs(caller);
      order.add(r.taskKey());
      return new TaskOutcome.Succeeded(r.input());
    };
    InvocationPool.Batch<Integer> batch = InvocationPool.direct().batch(invoker);
    batch.start(0, request(0));
    assertThat(order).containsExactly("task0");
    batch.start(1, request(1));

    assertThat(drain(batch)).containsExactly(0, 1);
    assertThat(InvocationPool.direct().concurrent()).isFalse();
  }

  @Test
  void whatAnInvokerThrowsIsHandedBackWithItsKey() {
    TaskInvoker broken = r -> {
      throw new IllegalStateException("no connection");
    };
    InvocationPool.Batch<Integer> batch = InvocationPool.threads(2).batch(broken);
    batch.start(7, request(7));

    InvocationPool.Done<Integer> done = batch.next();
    assertThat(done.key()).isEqualTo(7);
    assertThat(done.outcome()).isNull();
    assertThat(done.thrown()).hasMessage("no connection");
  }

  @Test
  void aLimitBelowOneIsRefused() {
    assertThatThrownBy(() -> InvocationPool.threads(0)).isInstanceOf(IllegalArgumentException.class);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
