package dev.nestflow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nestflow.core.json.Json;
import dev.nestflow.core.jsonata.DashjoinEngine;
import dev.nestflow.core.jsonata.Jsonata;
import dev.nestflow.core.jsonata.JsonataBindings;
import dev.nestflow.core.jsonata.JsonataEngine;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JSONata expressions are parsed once per distinct text, not once per evaluation. {@code cached}
 * is what the interpreter does for every {@code {% ... %}} it evaluates ({@link Jsonata#compile}:
 * a cache lookup, then evaluation); {@code parsedEveryTime} is what evaluating without the cache
 * would cost. With the cache, an evaluation costs about what {@code evaluateOnly} costs.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class JsonataParsingBenchmark {
  /** A typical Output expression of a JSONata state. */
  static final String EXPRESSION =
      "{'orderId': $states.input.orderId, 'total': $sum($states.input.items.(price * qty)),"
          + " 'skus': $states.input.items.sku, 'big': $count($states.input.items[qty > 1]) > 0}";

  static final JsonNode INPUT = Json.parse(
      "{\"orderId\":\"A-1\",\"items\":[{\"sku\":\"tea\",\"price\":3.5,\"qty\":2},{\"sku\":\"cup\",\"price\":8,\"qty\":1}]}");

  private final JsonataEngine engine = new DashjoinEngine();
  private final JsonataBindings bindings =
      new JsonataBindings(Map.of("states", Json.object().set("input", INPUT)), new Random(1), Instant.EPOCH);
  private final dev.nestflow.core.jsonata.JsonataExpression parsedOnce = engine.compile(EXPRESSION);

  @Benchmark
  public JsonNode cached() {
    return Jsonata.compile(EXPRESSION).evaluate(bindings);
  }

  @Benchmark
  public JsonNode evaluateOnly() {
    return parsedOnce.evaluate(bindings);
  }

  @Benchmark
  public JsonNode parsedEveryTime() {
    return engine.compile(EXPRESSION).evaluate(bindings);
  }
}
