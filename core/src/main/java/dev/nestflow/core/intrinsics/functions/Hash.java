package dev.nestflow.core.intrinsics.functions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nestflow.core.intrinsics.Arguments;
import dev.nestflow.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * {@code States.Hash(data, algorithm)}: the lowercase hex digest of the UTF-8 bytes of {@code data}
 * (a string of at most 10,000 characters; other values are hashed as their JSON text) with MD5,
 * SHA-1, SHA-256, SHA-384 or SHA-512.
 */
public final class Hash extends BaseFunction {
  public static final int MAX_INPUT_CHARACTERS = 10_000;
  public static final List<String> ALGORITHMS = List.of("MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512");

  public Hash() {
    super("States.Hash", 2, 2);
  }

  @Override
  public JsonNode apply(Arguments arguments, RandomGenerator random) {
    JsonNode value = arguments.get(0);
    if (value.isNull()) {
      throw arguments.failure("argument 1 (the data to hash) must not be null.");
    }
    String data = Json.text(value);
    String algorithm = arguments.string(1);
    if (!ALGORITHMS.contains(algorithm)) {
      throw arguments.failure(
          "the hash algorithm '" + algorithm + "' is not supported; use one of " + String.join(", ", ALGORITHMS) + ".");
    }
    if (data.length() > MAX_INPUT_CHARACTERS) {
      throw arguments.failure(
          "the data to hash has " + data.length() + " characters; at most " + MAX_INPUT_CHARACTERS + " are allowed.");
    }
    try {
      byte[] digest = MessageDigest.getInstance(algorithm).digest(data.getBytes(StandardCharsets.UTF_8));
      return Json.NODES.textNode(HexFormat.of().formatHex(digest));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks " + algorithm, e);
    }
  }
}
