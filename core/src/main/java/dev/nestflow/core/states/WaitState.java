package dev.nestflow.core.states;

import com.fasterxml.jackson.databind.JsonNode;

/** Wait: delays for Seconds, until Timestamp, or by a value found at SecondsPath/TimestampPath. */
public record WaitState(
    StateCommon common, JsonNode seconds, String secondsPath, JsonNode timestamp, String timestampPath)
    implements State {
  @Override
  public String typeName() {
    return "Wait";
  }
}
