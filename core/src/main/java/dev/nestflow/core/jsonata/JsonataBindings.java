package dev.nestflow.core.jsonata;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * What an expression can see besides its own text: the variables ({@code $states} and workflow
 * variables, by name without the dollar sign), the source of randomness for {@code $random()} and
 * {@code $uuid()}, and the time {@code $now()} and {@code $millis()} report. Nothing is read from
 * the system clock or a global random generator.
 */
public record JsonataBindings(Map<String, JsonNode> variables, RandomGenerator random, Instant now) {
  public JsonataBindings {
    variables = Map.copyOf(variables);
  }
}
