package dev.nestflow.functions.telemetry;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Each state machine's logging configuration, read from its document and kept for a
 * minute per container (an UpdateStateMachine takes effect within that minute, as on AWS where it
 * is eventually consistent too). A state machine that cannot be read logs nothing.
 */
public final class LoggingConfigs {
  /** The level and whether input and output go into the records. */
  public record Config(LogLevel level, boolean includeExecutionData) {
    public static final Config OFF = new Config(LogLevel.OFF, false);
  }

  static final long KEEP_MILLIS = 60_000;

  private record Kept(Config config, long until) {}

  private final Function<String, JsonNode> describe;
  private final LongSupplier millis;
  private final Map<String, Kept> kept = new ConcurrentHashMap<>();

  /**
   * @param describe a state machine's document, as DescribeStateMachine or the API's catalog has it,
   *     with its {@code loggingConfiguration} (throws when there is none)
   */
  public LoggingConfigs(Function<String, JsonNode> describe, LongSupplier millis) {
    this.describe = describe;
    this.millis = millis;
  }


  public Config of(String stateMachineArn) {
    long now = millis.getAsLong();
    Kept k = kept.get(stateMachineArn);
    if (k != null && k.until() > now) {
      return k.config();
    }
    Config config;
    try {
      JsonNode logging = describe.apply(stateMachineArn).path("loggingConfiguration");
      config = new Config(LogLevel.of(logging.path("level").asText(null)),
          logging.path("includeExecutionData").asBoolean(false));
    } catch (RuntimeException unreadable) {
      config = Config.OFF;
    }
    kept.put(stateMachineArn, new Kept(config, now + KEEP_MILLIS));
    return config;
  }
}
