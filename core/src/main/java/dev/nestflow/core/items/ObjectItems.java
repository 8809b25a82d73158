package dev.nestflow.core.items;

import java.io.InputStream;
import java.util.Iterator;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The items inside one S3 object's bytes, parsed as {@code ReaderConfig.InputType} says: a JSON
 * array (or the array an {@code ItemsPointer} names), JSON Lines, or CSV (every value a string).
 * Items come out one at a time, so a large object is never held as a tree; the caller closes the stream.
 */
public final class ObjectItems {
  private ObjectItems() {}

  /**
   * The items of {@code bytes} for {@code spec}'s input type (JSON, JSONL or CSV), at most
   * {@code spec.maxItems()} of them. A malformed object fails with {@code States.ItemReaderFailed}
   * when the iterator reaches the bad part.
   */
  public static Iterator<JsonNode> parse(ItemReaderSpec spec, InputStream bytes) {
    throw new UnsupportedOperationException("not yet");
  }

  /** The elements of a JSON array document, or of the array at {@code itemsPointer} (null: the root). */
  public static Iterator<JsonNode> jsonArray(InputStream bytes, String itemsPointer) {
    throw new UnsupportedOperationException("not yet");
  }

  /** One item per non-blank line, each line a JSON value. */
  public static Iterator<JsonNode> jsonLines(InputStream bytes) {
    throw new UnsupportedOperationException("not yet");
  }

  /** One object per data row, keyed by the header names, every value a string. */
  public static Iterator<JsonNode> csv(InputStream bytes, CsvOptions options) {
    throw new UnsupportedOperationException("not yet");
  }
}
