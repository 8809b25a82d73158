package dev.nestflow.core.interpreter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.json.Json;
import dev.nestflow.core.states.StateMachineParser;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The machines that apply an execution's signals disagree a little about the time: a signal
 * applied at a time before the previous one's is applied at the previous time, so that the
 * history never goes back.
 */
class ClockSkewTest {
  private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

  @Test
  void aSignalAppliedAtAnEarlierTimeThanThePreviousOneKeepsTheHistoryInOrder() {
    String definition = "{\"StartAt\":\"T\",\"States\":{\"T\":{\"Type\":\"Task\","
        + "\"Resource\":\"arn:aws:lambda:us-east-1:123456789012:function:f\",\"Next\":\"W\"},"
        + "\"W\":{\"Type\":\"Wait\",\"Seconds\":5,\"End\":true}}}";
    ExecutionIdentity identity = new ExecutionIdentity("arn:aws:states:us-east-1:123456789012:execution:m:e", "e",
        "arn:aws:states:us-east-1:123456789012:stateMachine:m", "m", "arn:aws:iam::123456789012:role/r", T0);
    Execution execution = new Execution(StateMachineParser.parse(Json.parse(definition)), identity, Json.object(), "{}",
        Environment.of(new Random(1)));
    List<Effect> effects = execution.start(T0.plusSeconds(2)); // started by a container 2 s ahead
    String task = ((Effect.InvokeTask) effects.get(0)).key();

    // answered by a container 2 s behind, 1 s later: 1 s before the start by the other's clock
    effects = execution.deliver(new Signal.TaskSucceeded(task, Json.object()), T0.plusSeconds(1));
    Effect.ScheduleTimer timer = (Effect.ScheduleTimer) effects.stream().filter(e -> e instanceof Effect.ScheduleTimer)
        .findFirst().orElseThrow();
    execution.deliver(new Signal.TimerFired(timer.key()), timer.dueAt());

    List<ObjectNode> history = execution.result().history();
    assertThat(execution.result().status()).isEqualTo("SUCCEEDED");
    BigDecimal previous = BigDecimal.ZERO;
    for (ObjectNode event : history) {
      assertThat(event.get("timestamp").decimalValue()).as("event %s", event.get("type")).isGreaterThanOrEqualTo(previous);
      previous = event.get("timestamp").decimalValue();
    }
    assertThat(timer.dueAt()).isEqualTo(T0.plusSeconds(7)); // the Wait's 5 s count from the time it was entered
  }
}
