package com.example.orders;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nestflow.testing.Execution;
import dev.nestflow.testing.LocalStepFunctions;
import dev.nestflow.testing.TaskFailure;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Charge's Retry and Catch, driven by a stub that fails the way the payment service does. */
class RetryTest {
  static final Map<String, Object> ORDER = Map.of("orderId", "C-3", "amount", 99, "address", "3 Low Rd");

  LocalStepFunctions sfn() {
    return LocalStepFunctions.create()
        .template(Path.of("template.yaml"))
        .function("LabelFunction", event -> Map.of("label", "L-3"));
  }

  @Test
  void anUnavailablePaymentServiceIsRetriedWithBackoffUntilItAnswers() {
    AtomicInteger calls = new AtomicInteger();
    LocalStepFunctions sfn = sfn().function("charge-test", event -> {
      if (calls.incrementAndGet() <= 2) {
        throw new TaskFailure("PaymentUnavailable", "try again later");
      }
      return Map.of("chargeId", "ch-3");
    });

    Execution order = sfn.run("OrderWorkflow", ORDER);

    assertThat(calls).hasValue(3);
    assertThat(order).hasEvents("TaskFailed", 2).waitsForCallback("AwaitDelivery");
    // IntervalSeconds 60, BackoffRate 2: the second attempt 60 s after the first failure, the third 120 s after the second
    List<Instant> attempts = order.history().stream()
        .filter(e -> e.get("type").asText().equals("TaskScheduled"))
        .map(e -> Instant.ofEpochMilli(new BigDecimal(e.get("timestamp").asText()).movePointRight(3).longValue()))
        .limit(3)
        .toList();
    assertThat(Duration.between(attempts.get(0), attempts.get(1))).isEqualTo(Duration.ofSeconds(60));
    assertThat(Duration.between(attempts.get(1), attempts.get(2))).isEqualTo(Duration.ofSeconds(120));
  }

  @Test
  void aDeclinedCardIsCaughtAndEndsTheOrder() {
    Execution order = sfn()
        .function("charge-test", event -> {
          throw new TaskFailure("CardDeclined", "insufficient funds");
        })
        .run("OrderWorkflow", ORDER);

    assertThat(order).failedWith("OrderDeclined").passedThrough("Charge", "Declined").startedChildren("ShipmentWorkflow", 0);
  }

  @Test
  void aServiceThatStaysUnavailableExhaustsTheRetries() {
    Execution order = sfn()
        .function("charge-test", event -> {
          throw new TaskFailure("PaymentUnavailable", "down for maintenance");
        })
        .run("OrderWorkflow", ORDER);

    assertThat(order).failedWith("PaymentUnavailable", "down for maintenance").hasEvents("TaskFailed", 4);
  }
}
