package dev.nestflow.core.jsonata;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.nestflow.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * The functions Step Functions adds to JSONata: {@code $partition}, {@code $range}, {@code $hash},
 * {@code $random} (optionally seeded), {@code $uuid} and {@code $parse}. Defined over JSON values so
 * that any {@link JsonataEngine} can bind them; argument types are checked by the JSONata signature,
 * values by each function.
 */
public final class StepFunctionsFunctions {
  private StepFunctionsFunctions() {}

  /** The most items {@code $range} may produce, as for States.ArrayRange. */
  public static final int MAX_RANGE_ITEMS = 1000;

  /** The longest text {@code $hash} accepts, as for States.Hash. */
  public static final int MAX_HASH_INPUT_CHARS = 10_000;

  private static final Map<String, String> HASH_ALGORITHMS =
      Map.of("MD5", "MD5", "SHA-1", "SHA-1", "SHA-256", "SHA-256", "SHA-384", "SHA-384", "SHA-512", "SHA-512");

  /** What a function does with its (already signature-checked) arguments. */
  @FunctionalInterface
  public interface Body {
    JsonNode apply(List<JsonNode> args, JsonataBindings bindings);
  }

  /**
   * One function: its name without {@code $}, its JSONata signature, whether its array result is a
   * JSONata sequence (a single item then stands for itself, as {@code $range(1, 9, 9)} gives 1).
   */
  public record Definition(String name, String signature, boolean sequenceResult, Body body) {}

  public static final List<Definition> ALL =
      List.of(
          new Definition("partition", "<an:a>", false, (a, b) -> partition(a.get(0), a.get(1))),
          new Definition("range", "<nnn:a<n>>", true, (a, b) -> range(a.get(0), a.get(1), a.get(2))),
          new Definition("hash", "<ss:s>", false, (a, b) -> hash(a.get(0), a.get(1))),
          new Definition("random", "<n?:n>", false, (a, b) -> random(a.isEmpty() ? null : a.get(0), b.random())),
          new Definition("uuid", "<:s>", false, (a, b) -> new TextNode(uuid(b.random()))),
          new Definition("parse", "<s:j>", false, (a, b) -> parse(a.get(0))));

  static JsonNode partition(JsonNode array, JsonNode size) {
    long chunk = integer(size, "partition", "chunk size");
    if (chunk <= 0) {
      throw invalid("partition", "the chunk size must be greater than 0, but was " + Json.write(size));
    }
    ArrayNode out = Json.array();
    ArrayNode current = null;
    for (JsonNode item : array) {
      if (current == null || current.size() == chunk) {
        current = out.addArray();
      }
      current.add(item);
    }
    return out;
  }

  static JsonNode range(JsonNode start, JsonNode end, JsonNode step) {
    long from = integer(start, "range", "start");
    long to = integer(end, "range", "end");
    long by = integer(step, "range", "step");
    if (by == 0) {
      throw invalid("range", "the step must not be 0");
    }
    ArrayNode out = Json.array();
    if ((by > 0 && from > to) || (by < 0 && from < to)) {
      return out;
    }
    long count = (Math.abs(to - from) / Math.abs(by)) + 1;
    if (count > MAX_RANGE_ITEMS) {
      throw invalid("range", "the range would contain " + count + " items, more than the limit of " + MAX_RANGE_ITEMS);
    }
    for (long i = 0; i < count; i++) {
      out.add(from + i * by);
    }
    return out;
  }

  static JsonNode hash(JsonNode data, JsonNode algorithm) {
    String text = data.asText();
    if (text.length() > MAX_HASH_INPUT_CHARS) {
      throw invalid("hash", "the input must be at most " + MAX_HASH_INPUT_CHARS + " characters long");
    }
    String name = HASH_ALGORITHMS.get(algorithm.asText());
    if (name == null) {
      throw invalid(
          "hash",
          "the algorithm must be one of MD5, SHA-1, SHA-256, SHA-384, SHA-512, but was " + Json.write(algorithm));
    }
    try {
      byte[] digest = MessageDigest.getInstance(name).digest(text.getBytes(StandardCharsets.UTF_8));
      return new TextNode(HexFormat.of().formatHex(digest));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("JDK lacks " + name, e);
    }
  }

  /** A number in [0, 1): from the execution's generator, or reproducibly from {@code seed}. */
  static JsonNode random(JsonNode seed, RandomGenerator random) {
    if (seed == null) {
      return new DoubleNode(random.nextDouble());
    }
    long s = integer(seed, "random", "seed");
    return new DoubleNode(new Random(s).nextDouble());
  }

  /** A version 4 UUID built from {@code random}. */
  static String uuid(RandomGenerator random) {
    long msb = (random.nextLong() & ~0xF000L) | 0x4000L;
    long lsb = (random.nextLong() & ~(0xC000L << 48)) | (0x8000L << 48);
    return new UUID(msb, lsb).toString();
  }

  static JsonNode parse(JsonNode text) {
    try {
      return Json.MAPPER.readTree(text.asText());
    } catch (JsonProcessingException | RuntimeException e) {
      throw invalid("parse", "the input is not valid JSON text: " + Json.write(text));
    }
  }

  private static long integer(JsonNode n, String function, String what) {
    if (n.isIntegralNumber() && n.canConvertToLong()) {
      return n.asLong();
    }
    if (n.isNumber() && n.doubleValue() == Math.rint(n.doubleValue()) && Math.abs(n.doubleValue()) < 9.0e15) {
      return (long) n.doubleValue();
    }
    throw invalid(function, "the " + what + " must be an integer, but was " + Json.write(n));
  }

  private static JsonataException invalid(String function, String detail) {
    return new JsonataException(
        JsonataException.Kind.EVALUATION, null, "Invalid arguments for the function $" + function + ": " + detail);
  }
}
