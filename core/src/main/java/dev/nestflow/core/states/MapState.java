package dev.nestflow.core.states;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Map: runs the item processor once per item. Holds both the current fields
 * (ItemProcessor/ItemSelector) and the legacy ones (Iterator/Parameters), normalised: the legacy
 * {@code Iterator} becomes {@code processor} and a legacy {@code Parameters} becomes
 * {@code itemSelector}. {@code items} is JSONata's Items or JSONPath's ItemsPath (null: the whole
 * input).
 */
public record MapState(
    StateCommon common,
    StateMachine processor,
    ProcessorMode mode,
    Field items,
    JsonNode itemSelector,
    JsonNode itemBatcher,
    JsonNode itemReader,
    JsonNode resultWriter,
    Field maxConcurrency,
    Field toleratedFailureCount,
    Field toleratedFailurePercentage,
    String label)
    implements State {

  public enum ProcessorMode {
    INLINE,
    DISTRIBUTED
  }

  @Override
  public String typeName() {
    return "Map";
  }
}
