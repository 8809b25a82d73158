package dev.nestflow.core.intrinsics.functions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nestflow.core.intrinsics.Arguments;
import dev.nestflow.core.json.Json;
import java.util.UUID;
import java.util.random.RandomGenerator;

/** {@code States.UUID()}: a version 4 UUID whose random bits come from the engine's generator. */
public final class Uuid extends BaseFunction {
  public Uuid() {
    super("States.UUID", 0, 0);
  }

  @Override
  public JsonNode apply(Arguments arguments, RandomGenerator random) {
    long high = (random.nextLong() & ~0xF000L) | 0x4000L; // version 4
    long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L; // IETF variant
    return Json.NODES.textNode(new UUID(high, low).toString());
  }
}
