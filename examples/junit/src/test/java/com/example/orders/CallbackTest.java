package com.example.orders;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nestflow.testing.Callback;
import dev.nestflow.testing.Execution;
import dev.nestflow.testing.LocalStepFunctions;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The delivery confirmation is a task-token callback: the test answers it as the courier's system would. */
class CallbackTest {
  LocalStepFunctions sfn;
  Execution order;

  @BeforeEach
  void startAnOrder() {
    sfn = LocalStepFunctions.create()
        .template(Path.of("template.yaml"))
        .function("charge-test", event -> Map.of("chargeId", "ch-7"))
        .function("LabelFunction", event -> Map.of("label", "L-7"));
    order = sfn.run("OrderWorkflow", Map.of("orderId", "B-7", "amount", 10, "address", "2 High St"));
  }

  @Test
  void aConfirmedDeliveryCompletesTheOrder() {
    Callback delivery = order.callback("AwaitDelivery").orElseThrow();
    assertThat(delivery.token()).isNotBlank();

    delivery.succeed(Map.of("at", "2025-01-03T10:00:00Z"));

    assertThat(order)
        .succeeded()
        .passedThrough("Charge", "Ship", "AwaitDelivery", "Delivered")
        .hasOutput(Map.of("orderId", "B-7", "chargeId", "ch-7", "trackingId", "TRK-L-7", "deliveredAt", "2025-01-03T10:00:00Z"));
  }

  @Test
  void aFailedDeliveryFailsTheOrderWithTheCouriersError() {
    order.callback("AwaitDelivery").orElseThrow().fail("Courier.Lost", "parcel lost in transit");

    assertThat(order).failedWith("Courier.Lost", "lost in transit").neverVisited("Delivered");
  }

  @Test
  void withoutAnAnswerTheTaskTimesOutAfterFourteenDays() {
    order.withoutAnswers();

    assertThat(order).failedWith("States.Timeout");
    assertThat(sfn.now()).isAfterOrEqualTo(order.startDate().plusSeconds(1_209_600));
  }
}
