package dev.nestflow.core.items;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.List;

/**
 * A resolved {@code ItemBatcher}: groups consecutive items into batches, each the input of one
 * child execution, {@code {"BatchInput": ..., "Items": [...]}} ({@code BatchInput} only when set).
 *
 * @param maxItemsPerBatch at most this many items per batch; 0 means no count limit
 * @param maxInputBytesPerBatch at most this many bytes per batch (the batch's compact JSON in UTF-8);
 *     0 means only AWS's 256 KiB payload limit applies
 * @param batchInput {@code BatchInput}, copied into every batch; null when absent
 */
public record ItemBatcher(int maxItemsPerBatch, int maxInputBytesPerBatch, JsonNode batchInput) {

  /**
   * Reads a resolved ItemBatcher block ({@code MaxItemsPerBatch}, {@code MaxInputBytesPerBatch},
   * {@code BatchInput}; the {@code *Path} variants already replaced by their values).
   */
  public static ItemBatcher parse(JsonNode resolvedItemBatcher) {
    throw new UnsupportedOperationException("not yet");
  }

  /** The batches of {@code items}, produced lazily in item order. */
  public Iterator<ObjectNode> batches(Iterator<JsonNode> items) {
    throw new UnsupportedOperationException("not yet");
  }

  /** All batches of a list of items. */
  public List<ObjectNode> batch(List<JsonNode> items) {
    throw new UnsupportedOperationException("not yet");
  }
}
