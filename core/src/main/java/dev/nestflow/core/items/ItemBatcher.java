package dev.nestflow.core.items;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.json.Json;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A resolved {@code ItemBatcher}: groups consecutive items into batches, each the input of one
 * child execution, {@code {"BatchInput": ..., "Items": [...]}} ({@code BatchInput} only when set).
 *
 * <p>A batch closes when one more item would exceed {@code MaxItemsPerBatch} or would make the
 * batch's compact UTF-8 JSON (the whole object, {@code BatchInput} included) larger than
 * {@code MaxInputBytesPerBatch}, and never grows past AWS's 256 KiB payload limit. An item that
 * cannot fit in a batch even alone fails the reader ({@code States.ItemReaderFailed}).
 *
 * @param maxItemsPerBatch at most this many items per batch; 0 means no count limit
 * @param maxInputBytesPerBatch at most this many bytes per batch (the batch's compact JSON in UTF-8);
 *     0 means only AWS's 256 KiB payload limit applies
 * @param batchInput {@code BatchInput}, copied into every batch; null when absent
 */
public record ItemBatcher(int maxItemsPerBatch, int maxInputBytesPerBatch, JsonNode batchInput) {

  /** AWS's payload limit, which also bounds a batch: 256 KiB. */
  public static final int MAX_BATCH_BYTES = 256 * 1024;

  private static final Set<String> FIELD_NAMES = Set.of("MaxItemsPerBatch", "MaxInputBytesPerBatch", "BatchInput");
  private static final BlockFields FIELDS = new BlockFields("ItemBatcher", ItemErrors::readerFailed);

  /**
   * Reads a resolved ItemBatcher block ({@code MaxItemsPerBatch}, {@code MaxInputBytesPerBatch},
   * {@code BatchInput}; the {@code *Path} variants already replaced by their values).
   */
  public static ItemBatcher parse(JsonNode resolvedItemBatcher) {
    JsonNode block = FIELDS.object(resolvedItemBatcher, "ItemBatcher");
    for (String path : List.of("MaxItemsPerBatchPath", "MaxInputBytesPerBatchPath")) {
      if (block.has(path)) {
        throw FIELDS.fail("ItemBatcher." + path + " must be resolved into "
            + path.substring(0, path.length() - 4) + " before the items are batched.");
      }
    }
    FIELDS.onlyKnown(block, "ItemBatcher", FIELD_NAMES);
    long items = FIELDS.integer(block, "MaxItemsPerBatch", "ItemBatcher", Integer.MAX_VALUE, 0);
    long bytes = FIELDS.integer(block, "MaxInputBytesPerBatch", "ItemBatcher", MAX_BATCH_BYTES, 0);
    JsonNode batchInput = block.get("BatchInput");
    return new ItemBatcher((int) items, (int) bytes, batchInput);
  }

  /** The batches of {@code items}, produced lazily in item order. */
  public Iterator<ObjectNode> batches(Iterator<JsonNode> items) {
    int byteLimit = maxInputBytesPerBatch > 0 ? Math.min(maxInputBytesPerBatch, MAX_BATCH_BYTES) : MAX_BATCH_BYTES;
    int countLimit = maxItemsPerBatch > 0 ? maxItemsPerBatch : Integer.MAX_VALUE;
    ObjectNode shell = Json.object();
    if (batchInput != null) {
      shell.set("BatchInput", batchInput);
    }
    shell.set("Items", Json.array());
    int emptySize = Json.utf8Size(shell);
    return new Iterator<>() {
      private JsonNode carried;
      private int carriedSize;
      private long index;

      @Override
      public boolean hasNext() {
        return carried != null || items.hasNext();
      }

      @Override
      public ObjectNode next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        ObjectNode batch = Json.object();
        if (batchInput != null) {
          batch.set("BatchInput", batchInput);
        }
        ArrayNode list = batch.putArray("Items");
        int size = emptySize;
        while (list.size() < countLimit && (carried != null || items.hasNext())) {
          JsonNode item;
          int itemSize;
          if (carried != null) {
            item = carried;
            itemSize = carriedSize;
            carried = null;
          } else {
            item = items.next();
            itemSize = Json.utf8Size(item);
            index++;
          }
          int grown = size + itemSize + (list.isEmpty() ? 0 : 1);
          if (grown > byteLimit) {
            if (list.isEmpty()) {
              throw ItemErrors.readerFailed("The item at index " + (index - 1) + " is " + itemSize
                  + " bytes and does not fit in a batch of at most " + byteLimit + " bytes.");
            }
            carried = item;
            carriedSize = itemSize;
            break;
          }
          list.add(item);
          size = grown;
        }
        return batch;
      }
    };
  }

  /** All batches of a list of items. */
  public List<ObjectNode> batch(List<JsonNode> items) {
    List<ObjectNode> out = new ArrayList<>();
    batches(items.iterator()).forEachRemaining(out::add);
    return out;
  }
}
