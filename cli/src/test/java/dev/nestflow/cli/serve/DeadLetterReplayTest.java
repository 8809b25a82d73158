package dev.nestflow.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nestflow.core.json.Json;
import dev.nestflow.infrastructure.api.ApiContext;
import dev.nestflow.infrastructure.api.InMemoryApiCatalog;
import dev.nestflow.infrastructure.api.SfnApi;
import dev.nestflow.infrastructure.keys.Keyring;
import dev.nestflow.infrastructure.queue.DeadLetterQueue;
import dev.nestflow.infrastructure.queue.InMemoryQueue;
import dev.nestflow.infrastructure.queue.MessageQueue;
import dev.nestflow.infrastructure.queue.MessageSeal;
import dev.nestflow.infrastructure.queue.SignedQueue;
import dev.nestflow.infrastructure.runtime.ExecutionRuntime;
import dev.nestflow.infrastructure.runtime.TaskTokens;
import dev.nestflow.infrastructure.store.ForwardingExecutionStore;
import dev.nestflow.infrastructure.store.InMemoryExecutionStore;
import dev.nestflow.infrastructure.store.SignalEntry;
import dev.nestflow.infrastructure.tasks.TaskInvoker;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code serve}'s handling of a message that keeps failing: after its 5th failure it is moved to the
 * dead-letter queue (not deleted), its execution says so in DescribeExecution while it stays
 * RUNNING, and once the cause is fixed the message, moved back as it was (still signed), lets the
 * execution finish.
 */
class DeadLetterReplayTest {
  private final Clock clock = Clock.systemUTC();
  private final List<String> log = new CopyOnWriteArrayList<>();
  private volatile boolean broken;
  private TransitionLoop loop;
  private Thread thread;

  /** The store as a broken deployment sees it: every append fails while {@link #broken}. */
  private final class BrokenAppends extends ForwardingExecutionStore {
    BrokenAppends() {
      super(new InMemoryExecutionStore());
    }

    @Override
    public boolean append(String executionArn, SignalEntry entry) {
      if (broken) {
        throw new IllegalStateException("injected: the log cannot be written");
      }
      return delegate.append(executionArn, entry);
    }
  }

  @AfterEach
  void stop() throws InterruptedException {
    if (loop != null) {
      loop.stop();
      thread.interrupt();
      thread.join(2_000);
    }
  }

  private static JsonNode call(SfnApi api, String operation, String body) {
    SfnApi.Response r = api.handle(SfnApi.TARGET_PREFIX + operation, body.getBytes(StandardCharsets.UTF_8));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return Json.parse(r.body());
  }

  private static JsonNode dlq(DeadLetterApi api, String operation, String body) {
    SfnApi.Response r = api.handle(DeadLetterApi.TARGET_PREFIX + operation, body.getBytes(StandardCharsets.UTF_8));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return Json.parse(r.body());
  }

  private static <T> T await(Supplier<T> read, Predicate<T> done) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    T value = read.get();
    while (!done.test(value) && System.nanoTime() < deadline) {
      Thread.sleep(20);
      value = read.get();
    }
    return value;
  }

  @Test
  void aMessageThatFailedFiveTimesIsDeadLetteredShownOnItsExecutionAndItsReplayFinishesTheExecution() throws Exception {
    MessageQueue storedQueue = new InMemoryQueue(clock);
    MessageQueue storedDeadLetters = new InMemoryQueue(clock);
    MessageSeal seal = new MessageSeal(Keyring.random());
    MessageQueue queue = new SignedQueue(storedQueue, seal, log::add);
    BrokenAppends store = new BrokenAppends();
    ExecutionRuntime runtime = new ExecutionRuntime(store, queue, TaskInvoker.none(), clock, TaskTokens.randomKey());
    SfnApi api = new SfnApi(new ApiContext(runtime.commands(), queue, new InMemoryApiCatalog(), "us-east-1",
        "123456789012", clock, ApiContext.EXPRESS_LIMIT), log::add);
    DeadLetterApi deadLetters = new DeadLetterApi(new DeadLetterQueue(storedDeadLetters), storedQueue, seal, store);
    loop = new TransitionLoop(runtime, queue, new SignedQueue(storedDeadLetters, seal, log::add), log::add);
    thread = new Thread(loop, "dead-letter-test");
    thread.setDaemon(true);
    thread.start();

    String machine = call(api, "CreateStateMachine", "{\"name\":\"Waits\",\"roleArn\":\"arn:aws:iam::123456789012:role/r\","
        + "\"definition\":\"{\\\"StartAt\\\":\\\"W\\\",\\\"States\\\":{\\\"W\\\":{\\\"Type\\\":\\\"Wait\\\",\\\"Seconds\\\":1,"
        + "\\\"Next\\\":\\\"Done\\\"},\\\"Done\\\":{\\\"Type\\\":\\\"Pass\\\",\\\"End\\\":true}}}\"}")
        .path("stateMachineArn").asText();
    broken = true;
    // the start needs no append (entry 1 is written with the execution); the Wait's timer does, and fails
    String arn = call(api, "StartExecution", "{\"stateMachineArn\":\"" + machine + "\",\"input\":\"{\\\"n\\\":7}\"}")
        .path("executionArn").asText();
    String describe = "{\"executionArn\":\"" + arn + "\"}";

    JsonNode listed = await(() -> dlq(deadLetters, "List", "{}").path("messages"), m -> m.size() == 1);
    assertThat(listed).hasSize(1);
    JsonNode letter = listed.get(0);
    assertThat(letter.path("executionArn").asText()).isEqualTo(arn);
    assertThat(letter.path("signal").asText()).isEqualTo("TimerFired");
    assertThat(letter.path("verified").asBoolean()).isTrue();
    assertThat(letter.path("reason").asText()).contains("injected: the log cannot be written");
    assertThat(letter.path("failedAt").asText()).isNotEmpty();
    assertThat(log).anyMatch(line -> line.startsWith("dead-lettering transition after 5 failed attempts"));

    JsonNode stuck = call(api, "DescribeExecution", describe);
    assertThat(stuck.path("status").asText()).isEqualTo("RUNNING");
    assertThat(stuck.path("error").asText()).isEqualTo("States.Runtime");
    assertThat(stuck.path("cause").asText()).contains("dead-letter queue after 5 failed receives")
        .contains("injected: the log cannot be written");
    // listing leaves the message where it is
    assertThat(dlq(deadLetters, "List", "{}").path("messages")).hasSize(1);

    broken = false; // the fix
    JsonNode redriven = dlq(deadLetters, "Redrive", "{\"executionArn\":\"" + arn + "\"}");
    assertThat(redriven.path("moved").asInt()).isEqualTo(1);
    JsonNode done = await(() -> call(api, "DescribeExecution", describe), d -> !"RUNNING".equals(d.path("status").asText()));
    assertThat(done.path("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(Json.parse(done.path("output").asText())).isEqualTo(Json.parse("{\"n\":7}"));
    assertThat(done.has("error")).isFalse();
    assertThat(dlq(deadLetters, "List", "{}").path("messages")).isEmpty();
    // the replayed message was the one signed before: nothing was refused
    assertThat(log).noneMatch(line -> line.startsWith("refused transition message"));
  }
}
