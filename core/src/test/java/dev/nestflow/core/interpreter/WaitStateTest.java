package dev.nestflow.core.interpreter;

import static dev.nestflow.core.interpreter.Runs.elapsed;
import static dev.nestflow.core.interpreter.Runs.event;
import static dev.nestflow.core.interpreter.Runs.prefix;
import static dev.nestflow.core.interpreter.Runs.run;
import static dev.nestflow.core.interpreter.Runs.single;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nestflow.core.json.Json;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class WaitStateTest {

  @Test
  void secondsAdvanceTheVirtualClockWithoutSleeping() {
    long before = System.nanoTime();
    ExecutionResult r = run(single("{\"Type\": \"Wait\", \"Seconds\": 3600, \"End\": true}"), "{\"a\": 1}");
    assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(30));
    assertThat(r.status()).isEqualTo("SUCCEEDED");
    assertThat(r.output()).isEqualTo(Json.parse("{\"a\": 1}"));
    assertThat(elapsed(event(r, "WaitStateEntered"))).isEqualTo(Duration.ZERO);
    assertThat(elapsed(event(r, "WaitStateExited"))).isEqualTo(Duration.ofHours(1));
    assertThat(elapsed(event(r, "ExecutionSucceeded"))).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void consecutiveWaitsAddUp() {
    ExecutionResult r =
        run(
            """
            {"StartAt": "W1", "States": {
              "W1": {"Type": "Wait", "Seconds": 5, "Next": "W2"},
              "W2": {"Type": "Wait", "Seconds": 7, "End": true}}}""",
            "{}");
    assertThat(elapsed(Runs.last(r))).isEqualTo(Duration.ofSeconds(12));
  }

  @Test
  void timestampWaitsUntilThatInstant() {
    ExecutionResult r = run(single("{\"Type\": \"Wait\", \"Timestamp\": \"2026-01-01T00:10:00Z\", \"End\": true}"), "{}");
    assertThat(elapsed(event(r, "WaitStateExited"))).isEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void timestampInThePastDoesNotWait() {
    ExecutionResult r = run(single("{\"Type\": \"Wait\", \"Timestamp\": \"2016-03-14T01:59:00Z\", \"End\": true}"), "{}");
    assertThat(r.status()).isEqualTo("SUCCEEDED");
    assertThat(elapsed(event(r, "WaitStateExited"))).isEqualTo(Duration.ZERO);
  }

  @Test
  void secondsPathReadsTheDelayFromTheInput() {
    ExecutionResult r = run(single("{\"Type\": \"Wait\", \"SecondsPath\": \"$.w\", \"End\": true}"), "{\"w\": 42}");
    assertThat(elapsed(event(r, "WaitStateExited"))).isEqualTo(Duration.ofSeconds(42));
  }

  @Test
  void secondsPathToAFractionFailsAsNotALong() {
    ExecutionResult r = run(single("{\"Type\": \"Wait\", \"SecondsPath\": \"$.w\", \"End\": true}"), "{\"w\": 1.5}");
    assertThat(r.error()).isEqualTo("States.Runtime");
    assertThat(r.cause()).isEqualTo(prefix("S", 2) + "The SecondsPath parameter cannot be parsed as a long value: $.w == 1.5");
  }

  @Test
  void secondsPathToANegativeNumberFails() {
    ExecutionResult r = run(single("{\"Type\": \"Wait\", \"SecondsPath\": \"$.w\", \"End\": true}"), "{\"w\": -1}");
    assertThat(r.error()).isEqualTo("States.Runtime");
    assertThat(r.cause()).isEqualTo(prefix("S", 2) + "The SecondsPath parameter references a negative value: $.w == -1");
  }

  @Test
  void timestampPathReadsTheInstantFromTheInput() {
    ExecutionResult r =
        run(single("{\"Type\": \"Wait\", \"TimestampPath\": \"$.t\", \"End\": true}"), "{\"t\": \"2026-01-01T00:00:30Z\"}");
    assertThat(elapsed(event(r, "WaitStateExited"))).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void timestampPathWithoutOffsetFailsWithTheIsoText() {
    ExecutionResult r =
        run(single("{\"Type\": \"Wait\", \"TimestampPath\": \"$.t\", \"End\": true}"), "{\"t\": \"2016-12-05T21:29:29\"}");
    assertThat(r.error()).isEqualTo("States.Runtime");
    assertThat(r.cause())
        .isEqualTo(prefix("S", 2)
            + "The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: "
            + "$.t == 2016-12-05T21:29:29");
  }

  @Test
  void timestampPathWithAnImpossibleHourFails() {
    ExecutionResult r =
        run(single("{\"Type\": \"Wait\", \"TimestampPath\": \"$.t\", \"End\": true}"), "{\"t\": \"2016-12-05T25:29:29Z\"}");
    assertThat(r.error()).isEqualTo("States.Runtime");
    assertThat(r.cause()).endsWith("$.t == 2016-12-05T25:29:29Z");
  }

  @Test
  void waitAppliesInputPathAndOutputPath() {
    ExecutionResult r =
        run(single("{\"Type\": \"Wait\", \"Seconds\": 1, \"InputPath\": \"$.a\", \"OutputPath\": \"$.b\", \"End\": true}"),
            "{\"a\": {\"b\": 3}}");
    assertThat(r.output()).isEqualTo(Json.parse("3"));
  }
}
