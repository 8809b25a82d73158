package dev.nestflow.core.states;

/** Wait: delays for Seconds, until Timestamp, or by a value found at SecondsPath/TimestampPath. */
public record WaitState(
    StateCommon common, Field seconds, Field timestamp)
    implements State {
  @Override
  public String typeName() {
    return "Wait";
  }
}
