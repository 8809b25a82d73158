package dev.nestflow.infrastructure.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;

/** Timestamps on the wire: epoch seconds as a JSON number with milliseconds. */
final class Dates {
  private Dates() {}

  static void put(ObjectNode node, String field, Long millis) {
    if (millis != null) {
      node.put(field, BigDecimal.valueOf(millis, 3));
    }
  }
}
