package dev.nestflow.core.states;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Map: runs the item processor once per item. Holds both the current fields
 * (ItemProcessor/ItemSelector) and the legacy ones (Iterator/Parameters), normalised: the legacy
 * {@code Iterator} becomes {@code processor} and a legacy {@code Parameters} becomes
 * {@code itemSelector}.
 */
public record MapState(
    StateCommon common,
    StateMachine processor,
    ProcessorMode mode,
    JsonNode itemsPath,
    JsonNode items,
    JsonNode itemSelector,
    JsonNode itemBatcher,
    JsonNode itemReader,
    JsonNode resultWriter,
    JsonNode maxConcurrency,
    String maxConcurrencyPath,
    JsonNode toleratedFailureCount,
    String toleratedFailureCountPath,
    JsonNode toleratedFailurePercentage,
    String toleratedFailurePercentagePath,
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
