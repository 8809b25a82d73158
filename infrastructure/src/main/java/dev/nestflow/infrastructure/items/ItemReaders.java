package dev.nestflow.infrastructure.items;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nestflow.infrastructure.objects.ObjectStore;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runs a Distributed Map's resolved ItemReader against an object store: lists objects or reads
 * one object (or an inventory manifest and its data files) and parses the items. Every failure
 * (missing bucket or key, malformed content, object too large, bad block) is a
 * {@code States.ItemReaderFailed} {@link dev.nestflow.core.errors.StatesException}.
 */
public final class ItemReaders {
  private ItemReaders() {}

  /** All items, in order (at most {@code ReaderConfig.MaxItems}). */
  public static List<JsonNode> read(JsonNode resolvedItemReader, ObjectStore store) {
    throw new UnsupportedOperationException("not yet");
  }

  /**
   * The items as a lazy stream: pages and objects are fetched as it is consumed, so 10,000+ items
   * never sit in memory at once unless the caller collects them. Close it to release the object stream.
   */
  public static Stream<JsonNode> stream(JsonNode resolvedItemReader, ObjectStore store) {
    throw new UnsupportedOperationException("not yet");
  }
}
