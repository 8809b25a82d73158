package com.example.orders;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nestflow.testing.Execution;
import dev.nestflow.testing.LocalStepFunctions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The order workflow starts the shipment workflow (.sync:2); both call Lambda functions stubbed here. */
class NestedWorkflowTest {
  LocalStepFunctions sfn;

  @BeforeEach
  void setUp() {
    sfn = LocalStepFunctions.create()
        .template(Path.of("template.yaml"))   // OrderWorkflow and ShipmentWorkflow, by logical id
        .function("charge-test", event -> Map.of("chargeId", "ch-" + event.get("orderId").asText()))
        .function("LabelFunction", event -> Map.of("label", "L-" + event.get("orderId").asText()));
  }

  @Test
  void theOrderShipsThroughTheChildWorkflowAndWaitsForTheCourier() {
    Execution order = sfn.run("OrderWorkflow", Map.of("orderId", "A-1", "amount", 25, "address", "1 Main St"));

    assertThat(order).waitsForCallback("AwaitDelivery").visited("Charge", "Ship", "AwaitDelivery");
    assertThat(order).startedChildren("ShipmentWorkflow", 1);

    Execution shipment = order.children("ShipmentWorkflow").get(0);
    assertThat(shipment)
        .succeeded()
        .passedThrough("PrintLabel", "WaitForCourier", "Handover")
        .hasOutput("{\"trackingId\": \"TRK-L-A-1\"}");
    // the courier's two days passed on the virtual clock, not in the test
    assertThat(Duration.between(order.startDate(), sfn.now())).isGreaterThanOrEqualTo(Duration.ofDays(2));

    assertThat(order.callback("AwaitDelivery").orElseThrow().input().get("MessageBody").get("trackingId").asText())
        .isEqualTo("TRK-L-A-1");
  }
}
